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
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", accountSid);
        params.put("CallSid", callSid);
        params.put("CallStatus", status);
        params.put("Direction", "inbound");
        params.put("From", from);
        params.put("To", to);
        return params;
    }

    /** A text received from {@code from} by the number {@code to}. */
    public static Map<String, String> incomingText(String accountSid, String messageSid, String from, String to, String body) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", accountSid);
        params.put("ApiVersion", "2010-04-01");
        params.put("Body", body);
        params.put("From", from);
        params.put("MessageSid", messageSid);
        params.put("SmsMessageSid", messageSid);
        params.put("SmsSid", messageSid);
        params.put("NumMedia", "0");
        params.put("NumSegments", "1");
        params.put("SmsStatus", "received");
        params.put("To", to);
        return params;
    }
}
