package dev.switchboard.screening;

import com.twilio.http.HttpMethod;
import com.twilio.twiml.TwiMLException;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Gather;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Say;
import java.util.List;

/**
 * The whisper the owner hears before a screened call is connected, built with twilio-java's TwiML classes:
 * "Call for &lt;business&gt; from &lt;caller&gt;, press 1 to accept", said twice inside a one-digit
 * {@code <Gather>}; without a key press the owner's leg hangs up, so a carrier voicemail that picks up never
 * takes the call.
 */
final class ScreeningTwiml {

    static final int GATHER_TIMEOUT_SECONDS = 6;

    private ScreeningTwiml() {
    }

    static String whisper(String businessName, String callerSpoken, String resultUrl) {
        Say say = new Say.Builder("Call for " + businessName + " from " + callerSpoken + ". Press 1 to accept.")
                .loop(2)
                .build();
        Gather gather = new Gather.Builder()
                .numDigits(1)
                .action(resultUrl)
                .method(HttpMethod.POST)
                .timeout(GATHER_TIMEOUT_SECONDS)
                .inputs(List.of(Gather.Input.DTMF))
                .say(say)
                .build();
        return toXml(new VoiceResponse.Builder()
                .gather(gather)
                .hangup(new Hangup.Builder().build())
                .build());
    }

    /** Connects the call: an empty response ends the whisper and bridges the two legs. */
    static String connect() {
        return toXml(new VoiceResponse.Builder().build());
    }

    static String decline() {
        return toXml(new VoiceResponse.Builder().hangup(new Hangup.Builder().build()).build());
    }

    /**
     * A phone number as a voice should say it: digits in groups ({@code +19045550123} becomes
     * "9 0 4, 5 5 5, 0 1 2 3"), or "an unknown number" for anonymous and malformed callers.
     */
    static String spoken(String number) {
        if (number == null || !number.matches("\\+[0-9]{7,15}")) {
            return "an unknown number";
        }
        String digits = number.startsWith("+1") && number.length() == 12 ? number.substring(2) : number.substring(1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0) {
                boolean groupBreak = digits.length() == 10 && (i == 3 || i == 6);
                out.append(groupBreak ? ", " : " ");
            }
            out.append(digits.charAt(i));
        }
        return out.toString();
    }

    private static String toXml(VoiceResponse response) {
        try {
            return response.toXml();
        } catch (TwiMLException e) {
            throw new IllegalStateException("TwiML could not be written", e);
        }
    }
}
