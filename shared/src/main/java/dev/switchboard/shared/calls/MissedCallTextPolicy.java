package dev.switchboard.shared.calls;

import java.util.Optional;

/**
 * When in a missed call's life its one text goes out, and which text it is. Plain rules, no I/O.
 *
 * <p>By default the caller is texted as soon as the call is known to be missed: when the owner did not
 * answer ({@code dial-status}) or when the line sent the call straight to voicemail ({@code /twilio/voice}
 * after hours). With {@code textAfterVoicemail} on a line, the text waits until the caller is done, so it
 * can say whether a voicemail arrived: {@code /twilio/voice/voicemail-complete} sends "Thanks for your
 * message" or "Sorry we missed you"; when that never comes (the caller hung up during the prompt), the
 * call's final status callback sends "Sorry we missed you". Whichever comes first wins: every occasion
 * uses the same once-only key, so a call gets at most one text.
 */
public final class MissedCallTextPolicy {

    /** The moment in a call's life a function asks. */
    public enum Occasion {
        /** {@code /twilio/voice} sent the call straight to voicemail (after hours, no forward number). */
        STRAIGHT_TO_VOICEMAIL,
        /** The owner did not answer and the caller is still on the line, about to hear the voicemail prompt. */
        NOT_ANSWERED_CALLER_WAITING,
        /** The owner did not answer and the caller had already hung up: no voicemail is coming. */
        NOT_ANSWERED_CALLER_GONE,
        /** The voicemail {@code <Record>} finished with a recording that has sound. */
        VOICEMAIL_LEFT,
        /** The voicemail {@code <Record>} finished without a usable recording. */
        VOICEMAIL_EMPTY,
        /** The call ended without being answered (the final status callback). */
        CALL_ENDED_UNANSWERED
    }

    /** Which text. */
    public enum Kind {
        /** "Sorry we missed your call" (the line's {@code missedCallText}). */
        MISSED("missed-call"),
        /** "Thanks for your message" (the line's {@code voicemailThanksText}). */
        VOICEMAIL_THANKS("voicemail-thanks");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private MissedCallTextPolicy() {
    }

    /** The text to send now, or empty when this is not the moment. */
    public static Optional<Kind> textFor(boolean textAfterVoicemail, Occasion occasion) {
        if (!textAfterVoicemail) {
            return switch (occasion) {
                case STRAIGHT_TO_VOICEMAIL, NOT_ANSWERED_CALLER_WAITING, NOT_ANSWERED_CALLER_GONE -> Optional.of(Kind.MISSED);
                // Already texted when the call was missed; the final callback is only textAfterVoicemail's net.
                case VOICEMAIL_LEFT, VOICEMAIL_EMPTY, CALL_ENDED_UNANSWERED -> Optional.empty();
            };
        }
        return switch (occasion) {
            case STRAIGHT_TO_VOICEMAIL, NOT_ANSWERED_CALLER_WAITING -> Optional.empty();
            case VOICEMAIL_LEFT -> Optional.of(Kind.VOICEMAIL_THANKS);
            case NOT_ANSWERED_CALLER_GONE, VOICEMAIL_EMPTY, CALL_ENDED_UNANSWERED -> Optional.of(Kind.MISSED);
        };
    }
}
