package dev.switchboard.dialstatus;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a {@code <Dial>} to the owner came to, from Twilio's {@code DialCallStatus} and, on a screened line,
 * whether the owner pressed 1. Plain rules, no I/O.
 *
 * @param answered       a person took the call: hang up when the owner's leg ends
 * @param outcome        why the call was or was not answered
 * @param dialCallStatus the status as received, lower case, {@code unknown} when missing
 */
public record DialResult(boolean answered, Outcome outcome, String dialCallStatus) {

    /** The effective outcome of the dial, recorded on the call as {@code dialOutcome} ({@link #label}). */
    public enum Outcome {
        ANSWERED("answered"),
        NO_ANSWER("no-answer"),
        BUSY("busy"),
        FAILED("failed"),
        CANCELED("canceled"),
        /** Screened, and nobody pressed 1: the owner's carrier voicemail, or a decline. */
        NOT_ACCEPTED("not-accepted"),
        /** Screened, and whether it was accepted could not be read (storage down). */
        SCREEN_UNVERIFIED("screen-unverified"),
        /** A status Twilio never documented, or none. */
        UNKNOWN("unknown");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        static Optional<Outcome> notAnswered(String status) {
            for (Outcome outcome : Set.of(NO_ANSWER, BUSY, FAILED, CANCELED)) {
                if (outcome.label.equals(status)) {
                    return Optional.of(outcome);
                }
            }
            return Optional.empty();
        }
    }

    private static final Set<String> ANSWERED = Set.of("completed", "answered");
    private static final Set<String> FINAL_CALL_STATUSES = Set.of("completed", "busy", "failed", "no-answer", "canceled");

    /**
     * @param screenAccepted for a screened line: whether the owner pressed 1; empty when that could not be read
     */
    public static DialResult classify(Optional<String> dialCallStatus, boolean screened, Optional<Boolean> screenAccepted) {
        String status = dialCallStatus.map(s -> s.trim().toLowerCase(Locale.ROOT)).orElse("unknown");
        if (ANSWERED.contains(status)) {
            if (!screened) {
                return new DialResult(true, Outcome.ANSWERED, status);
            }
            if (screenAccepted.isEmpty()) {
                return new DialResult(false, Outcome.SCREEN_UNVERIFIED, status);
            }
            return screenAccepted.get() ? new DialResult(true, Outcome.ANSWERED, status)
                    : new DialResult(false, Outcome.NOT_ACCEPTED, status);
        }
        return new DialResult(false, Outcome.notAnswered(status).orElse(Outcome.UNKNOWN), status);
    }

    /** Whether the status was one Twilio documents. */
    public boolean known() {
        return outcome != Outcome.UNKNOWN;
    }

    /** Whether the caller had already hung up when the {@code <Dial>} ended (the parent's {@code CallStatus}). */
    public static boolean callerGone(Optional<String> parentCallStatus) {
        return parentCallStatus.map(s -> FINAL_CALL_STATUSES.contains(s.trim().toLowerCase(Locale.ROOT))).orElse(false);
    }
}
