package dev.switchboard.dialstatus;

import dev.switchboard.shared.calls.MissedCallTextPolicy.Occasion;
import dev.switchboard.shared.calls.MissedCallTexts;
import dev.switchboard.shared.config.Line;
import dev.switchboard.shared.config.Lines;
import dev.switchboard.shared.logging.PhoneMask;
import dev.switchboard.shared.storage.CallRecord;
import dev.switchboard.shared.storage.CallRecords;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens when the dial to the owner ends, and when the caller's voicemail ends:
 * <ul>
 *   <li>an answered call hangs up; a missed one (no-answer, busy, failed, canceled, an unknown status, or a
 *       screened call nobody accepted) goes to voicemail, and the caller gets the missed-call text at the
 *       moment {@code MissedCallTextPolicy} says;</li>
 *   <li>a screened call whose acceptance could not be read also goes to voicemail, but gets no text: it may
 *       have been answered;</li>
 *   <li>every outcome is recorded on the call; a storage failure is logged and never changes what the
 *       caller hears.</li>
 * </ul>
 */
public final class DialStatusService {

    private static final Logger LOG = LoggerFactory.getLogger(DialStatusService.class);

    /** What the caller hears next. */
    public enum Next {
        HANG_UP,
        VOICEMAIL
    }

    /** @param line the line whose voicemail the caller hears */
    public record DialDecision(Next next, Line line) {
    }

    private final DialStatusStore calls;
    private final Lines lines;
    private final MissedCallTexts texts;
    private final Clock clock;

    public DialStatusService(DialStatusStore calls, Lines lines, MissedCallTexts texts, Clock clock) {
        this.calls = calls;
        this.lines = lines;
        this.texts = texts;
        this.clock = clock;
    }

    public DialDecision dialEnded(DialCallback callback) {
        String callSid = callback.callSid();
        Line line = lines.forNumber(callback.called().orElse(null));
        Instant now = clock.instant();
        Optional<Boolean> accepted = line.screen() ? screenAccepted(callSid) : Optional.of(false);
        DialResult result = DialResult.classify(callback.dialCallStatus(), line.screen(), accepted);
        boolean callerGone = DialResult.callerGone(callback.parentCallStatus());
        if (!result.known()) {
            LOG.warn("Call {}: unknown DialCallStatus '{}', treated as not answered (voicemail)", callSid,
                    result.dialCallStatus());
        }
        Next next = result.answered() || callerGone ? Next.HANG_UP : Next.VOICEMAIL;
        LOG.info("Call {} from {}: dial {} -> {}{}", callSid, PhoneMask.mask(callback.caller()), result.dialCallStatus(),
                result.outcome().label(), result.answered() ? "" : callerGone ? ", caller already gone" : ", voicemail");
        try {
            calls.recordDialOutcome(new CallRecords.DialOutcome(callSid, result.dialCallStatus(),
                    result.outcome().label(), result.answered(), callback.dialCallSid(),
                    callback.dialCallDurationSeconds()), now);
        } catch (RuntimeException e) {
            LOG.error("Call {}: the dial outcome ({}) could not be recorded: {}", callSid, result.outcome().label(),
                    e.getMessage());
        }
        if (result.outcome() == DialResult.Outcome.SCREEN_UNVERIFIED) {
            // Whether the owner took the call is unknown: no "sorry we missed you" to someone who may have just
            // talked to them. Voicemail still catches a missed caller.
            LOG.error("Call {}: could not read whether the owner accepted the screened call; sent the caller"
                    + " to voicemail without a missed-call text", callSid);
        } else if (!result.answered()) {
            texts.onOccasion(line, callSid, callback.caller(), callerGone ? Occasion.NOT_ANSWERED_CALLER_GONE
                    : Occasion.NOT_ANSWERED_CALLER_WAITING, now);
        }
        return new DialDecision(next, line);
    }

    /**
     * The caller finished the voicemail.
     *
     * @param called the business number the caller dialled
     */
    public VoicemailResult voicemailEnded(String callSid, String caller, Optional<String> called,
                                          VoicemailResult voicemail) {
        Line line = lines.forNumber(called.orElse(null));
        Instant now = clock.instant();
        LOG.info("Call {} from {}: voicemail {} (recording {}, {} s)", callSid, PhoneMask.mask(caller),
                voicemail.left() ? "left" : "empty", voicemail.recordingSid().orElse("-"),
                voicemail.durationSeconds().map(String::valueOf).orElse("?"));
        try {
            calls.recordVoicemail(callSid, voicemail.left(), voicemail.recordingSid(), voicemail.durationSeconds(), now);
        } catch (RuntimeException e) {
            LOG.error("Call {}: the voicemail outcome could not be recorded: {}", callSid, e.getMessage());
        }
        texts.onOccasion(line, callSid, caller, voicemail.left() ? Occasion.VOICEMAIL_LEFT : Occasion.VOICEMAIL_EMPTY,
                now);
        return voicemail;
    }

    private Optional<Boolean> screenAccepted(String callSid) {
        try {
            return Optional.of(calls.find(callSid).map(CallRecord::screenAccepted).orElse(false));
        } catch (RuntimeException e) {
            LOG.error("Call {}: could not read the screening result: {}", callSid, e.getMessage());
            return Optional.empty();
        }
    }
}
