package dev.switchboard.smsstatus;

import java.util.Map;
import java.util.Optional;

/** What Twilio's delivery error codes mean, in words an engineer reading a WARN line at night can act on. */
final class DeliveryErrors {

    private static final Map<Integer, String> DESCRIPTIONS = Map.ofEntries(
            Map.entry(30001, "queue overflow (too many messages queued on the sender)"),
            Map.entry(30002, "account suspended"),
            Map.entry(30003, "unreachable destination handset (phone off or out of coverage)"),
            Map.entry(30004, "message blocked (the recipient blocked the sender, or the carrier did)"),
            Map.entry(30005, "unknown destination handset (the number does not exist)"),
            Map.entry(30006, "landline or unreachable carrier (the number cannot take texts)"),
            Map.entry(30007, "carrier violation (filtered as spam; check A2P 10DLC registration and the wording)"),
            Map.entry(30008, "unknown error from the carrier"),
            Map.entry(30032, "toll-free number not verified"),
            Map.entry(30034, "message from an unregistered number (A2P 10DLC registration missing)"));

    private DeliveryErrors() {
    }

    static Optional<String> describe(Integer code) {
        return code == null ? Optional.empty() : Optional.ofNullable(DESCRIPTIONS.get(code));
    }

    /** 30003-30008: delivery failures reported by the carrier, per Twilio. */
    static boolean isCarrierFailure(Integer code) {
        return code != null && code >= 30003 && code <= 30008;
    }
}
