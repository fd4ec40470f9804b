package dev.switchboard.inbox;

import com.twilio.http.HttpMethod;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.type.PhoneNumber;
import java.net.URI;
import java.util.List;

/** Starts a call through Twilio's Calls API (twilio-java in Lambda, a list in tests). */
@FunctionalInterface
public interface CallPlacer {

    /**
     * Rings {@code to} from {@code from}; when it is answered Twilio fetches {@code twimlUrl}.
     *
     * @return the new call's SID
     * @throws RuntimeException when Twilio refused or could not be reached
     */
    String place(String to, String from, String twimlUrl, String statusCallback);

    static CallPlacer of(TwilioRestClient client, int ringSeconds) {
        return (to, from, twimlUrl, statusCallback) -> Call.creator(new PhoneNumber(to), new PhoneNumber(from),
                        URI.create(twimlUrl))
                .setMethod(HttpMethod.POST)
                .setStatusCallback(URI.create(statusCallback))
                .setStatusCallbackMethod(HttpMethod.POST)
                .setStatusCallbackEvent(List.of("initiated", "ringing", "answered", "completed"))
                .setTimeout(ringSeconds)
                .create(client)
                .getSid();
    }
}
