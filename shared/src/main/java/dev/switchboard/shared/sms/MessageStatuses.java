package dev.switchboard.shared.sms;

import java.util.Locale;
import java.util.Map;

/**
 * The order of an outbound message's statuses, so that callbacks arriving out of order never move a
 * message record backwards: {@code accepted/scheduled < queued < sending < sent < delivered | undelivered |
 * failed | canceled < read}. A status only replaces one of a lower rank; a late {@code sent} never
 * overwrites {@code delivered}, and the first final status stays.
 */
public final class MessageStatuses {

    /** Ranks of Twilio's MessageStatus values; unknown values rank lowest (recorded, never overriding). */
    private static final Map<String, Integer> RANKS = Map.ofEntries(
            Map.entry("accepted", 1),
            Map.entry("scheduled", 1),
            Map.entry("queued", 2),
            Map.entry("sending", 3),
            Map.entry("sent", 4),
            Map.entry("delivered", 5),
            Map.entry("undelivered", 5),
            Map.entry("failed", 5),
            Map.entry("canceled", 5),
            Map.entry("partially_delivered", 5),
            Map.entry("read", 6));

    private MessageStatuses() {
    }

    /** The rank of a status (0 for one this table does not know). */
    public static int rank(String status) {
        return status == null ? 0 : RANKS.getOrDefault(status.trim().toLowerCase(Locale.ROOT), 0);
    }

    /** Whether nothing later is expected for a message in this status. */
    public static boolean isFinal(String status) {
        return rank(status) >= 5;
    }

    /** Whether the carrier did not deliver the message. */
    public static boolean isFailure(String status) {
        String s = status == null ? "" : status.trim().toLowerCase(Locale.ROOT);
        return s.equals("undelivered") || s.equals("failed");
    }
}
