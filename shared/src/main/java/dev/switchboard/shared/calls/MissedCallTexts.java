package dev.switchboard.shared.calls;

import dev.switchboard.shared.calls.MissedCallTextPolicy.Kind;
import dev.switchboard.shared.calls.MissedCallTextPolicy.Occasion;
import dev.switchboard.shared.config.Line;
import dev.switchboard.shared.sms.SendResult;
import java.time.Instant;
import java.util.Optional;

/**
 * The one text a caller gets after a missed call, asked for by {@code /twilio/voice} (after hours),
 * {@code dial-status}, {@code voicemail-complete} and {@code /twilio/voice/status} at their moment in the
 * call's life; {@link OutboundMissedCallTexts} decides and sends. Never throws: a failed text never breaks a
 * call's TwiML.
 */
@FunctionalInterface
public interface MissedCallTexts {

    /**
     * Sends the text this occasion calls for, if any.
     *
     * @param caller the caller's number as Twilio gave it ({@code From}); may be empty or anonymous
     */
    Outcome onOccasion(Line line, String callSid, String caller, Occasion occasion, Instant now);

    /**
     * What happened.
     *
     * @param summary a short word for logs and tests: {@code not-now}, {@code caller-not-textable},
     *                {@code business-number}, {@code texted-within-window}, {@code no-sender-configured}, or the
     *                send result ({@code sent}, {@code queued}, {@code duplicate}, {@code opted_out}, ...)
     */
    record Outcome(Optional<Kind> kind, Optional<SendResult> result, String summary) {
        static Outcome skipped(String why) {
            return new Outcome(Optional.empty(), Optional.empty(), why);
        }
    }
}
