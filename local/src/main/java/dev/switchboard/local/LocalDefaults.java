package dev.switchboard.local;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every function gets locally when the user sets nothing, so that the very first
 * {@code java -jar local/target/switchboard-local.jar} works without any configuration.
 */
final class LocalDefaults {

    static final String ACCOUNT_SID = "AC" + "0".repeat(32);
    static final String FORWARD_TO = "+19045550177";
    static final String CALLER_ID = "+19045550200";
    static final String SMS_FROM = "+19045550200";
    static final String BUSINESS_NAME = "Mechanic St. Augustine";

    private LocalDefaults() {
    }

    /**
     * @param baseUrl the local API, e.g. {@code http://localhost:3000}
     * @param sandboxUrl the Twilio sandbox's base URL, or null when it is off
     * @param sesUrl     the SES sandbox's base URL, or null when it is off
     */
    static Map<String, String> of(String baseUrl, String authToken, String recordingsToken, String sandboxUrl,
                                  String sesUrl) {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("TWILIO_ACCOUNT_SID", ACCOUNT_SID);
        defaults.put("TWILIO_AUTH_TOKEN", authToken);
        defaults.put("PUBLIC_BASE_URL", baseUrl);
        defaults.put("TWILIO_FORWARD_TO", FORWARD_TO);
        defaults.put("TWILIO_CALLER_ID", CALLER_ID);
        defaults.put("TWILIO_SMS_FROM", SMS_FROM);
        defaults.put("BUSINESS_NAME", BUSINESS_NAME);
        defaults.put("RECORDINGS_TOKEN", recordingsToken);
        // The customer-texts API (POST /api/notify) takes the same local token as a bearer.
        defaults.put("NOTIFY_TOKEN", recordingsToken);
        defaults.put("CRM_KIND", "none");
        defaults.put("TRANSCRIBER", "none");
        defaults.put("ALLOWED_ORIGINS", baseUrl);
        if (sandboxUrl != null) {
            defaults.put("TWILIO_API_BASE_URL", sandboxUrl);
            defaults.put("TWILIO_INTELLIGENCE_BASE_URL", sandboxUrl);
        }
        if (sesUrl != null) {
            defaults.put("SES_ENDPOINT_URL", sesUrl);
        }
        return defaults;
    }
}
