package dev.switchboard.shared.jobs;

import dev.switchboard.shared.queue.Job;
import java.util.Map;

/**
 * The keys that identify texts: each is sent at most once per key ({@code TEXT#<key>}), whatever Twilio or
 * SQS redelivers. Made here only, so that a key names what it belongs to in one way.
 */
public final class TextKeys {

    private static final String MISSED_CALL = "missed-call:";
    private static final String QUOTE = "quote:";
    private static final String FORWARD = "forward:";
    private static final String ALERT = "alert:";
    private static final String RELAY = "relay:";
    private static final String RELAY_NOTICE = "relay-notice:";

    private TextKeys() {
    }

    /** A missed call's one text (whichever occasion sends it). */
    public static String missedCall(String callSid) {
        return MISSED_CALL + callSid;
    }

    /** A web quote's estimate. */
    public static String quoteEstimate(String leadId) {
        return QUOTE + leadId;
    }

    /** A customer's text forwarded to the owner. */
    public static String ownerForward(String messageSid) {
        return FORWARD + messageSid;
    }

    /** An alert about one event ({@link AlertJob#eventKey()}) to one staff member. */
    public static String alert(String eventKey, String staff) {
        return ALERT + eventKey + ":" + staff;
    }

    /** A staff member's text relayed to a customer. */
    public static String relay(String messageSid) {
        return RELAY + messageSid;
    }

    /** The one notice a staff member's text gets back (help, opted-out customer, too long). */
    public static String relayNotice(String messageSid) {
        return RELAY_NOTICE + messageSid;
    }

    /** The identifier a key names, as a log field ({@code callSid}, {@code leadId}, {@code messageSid}). */
    public static Map<String, String> logFields(String key) {
        if (key == null) {
            return Map.of();
        }
        if (key.startsWith(MISSED_CALL)) {
            return Job.fields("callSid", key.substring(MISSED_CALL.length()));
        }
        if (key.startsWith(QUOTE)) {
            return Job.fields("leadId", key.substring(QUOTE.length()));
        }
        if (key.startsWith(RELAY)) {
            return Job.fields("messageSid", key.substring(RELAY.length()));
        }
        if (key.startsWith(RELAY_NOTICE)) {
            return Job.fields("messageSid", key.substring(RELAY_NOTICE.length()));
        }
        if (key.startsWith(FORWARD)) {
            return Job.fields("messageSid", key.substring(FORWARD.length()));
        }
        return Map.of();
    }
}
