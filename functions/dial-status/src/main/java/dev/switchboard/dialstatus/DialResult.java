package dev.switchboard.dialstatus;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a {@code <Dial>} to the owner came to, from Twilio's {@code DialCallStatus} and, on a screened line,
 * whether the owner pressed 1. Plain rules, no I/O.
 *
 * @param answered      a person took the call: hang up when the owner's leg ends
 * @param outcome       {@code answered}, {@code no-answer}, {@code busy}, {@code failed}, {@code canceled},
 *                      {@code not-accepted} (screened, nobody pressed 1: the owner's carrier voicemail, or a
 *                      decline), {@code screen-unverified} (screened, and whether it was accepted could not be
 *                      read), {@code unknown} (a status Twilio never documented, or none)
 * @param dialCallStatus the status as received, lower case, {@code unknown} when missing
 */
public record DialResult(boolean answered, String outcome, String dialCallStatus) {

    private static final Set<String> ANSWERED = Set.of("completed", "answered");
    private static final Set<String> NOT_ANSWERED = Set.of("no-answer", "busy", "failed", "canceled");
    private static final Set<String> FINAL_CALL_STATUSES = Set.of("completed", "busy", "failed", "no-answer", "canceled");

    /**
     * @param screenAccepted for a screened line: whether the owner pressed 1; empty when that could not be read
     */
    public static DialResult classify(Optional<String> dialCallStatus, boolean screened, Optional<Boolean> screenAccepted) {
        String status = dialCallStatus.map(s -> s.trim().toLowerCase(Locale.ROOT)).orElse("unknown");
        if (ANSWERED.contains(status)) {
            if (!screened) {
                return new DialResult(true, "answered", status);
            }
            if (screenAccepted.isEmpty()) {
                return new DialResult(false, "screen-unverified", status);
            }
            return screenAccepted.get() ? new DialResult(true, "answered", status)
                    : new DialResult(false, "not-accepted", status);
        }
        if (NOT_ANSWERED.contains(status)) {
            return new DialResult(false, status, status);
        }
        return new DialResult(false, "unknown", status);
    }

    /** Whether the status was one Twilio documents. */
    public boolean known() {
        return !outcome.equals("unknown");
    }

    /** Whether the caller had already hung up when the {@code <Dial>} ended (the parent's {@code CallStatus}). */
    public static boolean callerGone(Optional<String> parentCallStatus) {
        return parentCallStatus.map(s -> FINAL_CALL_STATUSES.contains(s.trim().toLowerCase(Locale.ROOT))).orElse(false);
    }
}
