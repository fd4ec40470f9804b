package dev.switchboard.local.scenarios;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parameters Twilio posts to a webhook, in its order, for the scenarios to send (signed through
 * {@link LocalScenario#twilioWebhook}). Each is a new mutable map: a scenario adds what its moment carries.
 */
public final class TwilioPosts {

    private TwilioPosts() {
    }

    /** An inbound call from {@code from} to {@code to} in {@code status} ({@code ringing}, {@code no-answer}, ...). */
    public static Map<String, String> inboundCall(String accountSid, String callSid, String status, String from, String to) {
        return ordered("AccountSid", accountSid, "CallSid", callSid, "CallStatus", status, "Direction", "inbound",
                "From", from, "To", to);
    }

    /** A text received from {@code from} by the number {@code to}. */
    public static Map<String, String> incomingText(String accountSid, String messageSid, String from, String to, String body) {
        return ordered("AccountSid", accountSid, "ApiVersion", "2010-04-01", "Body", body, "From", from,
                "MessageSid", messageSid, "SmsMessageSid", messageSid, "SmsSid", messageSid, "NumMedia", "0",
                "NumSegments", "1", "SmsStatus", "received", "To", to);
    }

    /** A mutable map of {@code name, value, name, value, ...} in that order. */
    static Map<String, String> ordered(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values come in pairs");
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            params.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return params;
    }
}
