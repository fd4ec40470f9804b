package dev.switchboard.screening;

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
 * The rules of call screening: who the whisper names (the caller of the parent call, never the business's
 * own caller ID) for which line, and a press of 1 recorded on the caller's call as {@code screenAccepted},
 * which dial-status reads. Storage never stands in the way: without the parent call the whisper names the
 * caller ID, and an acceptance that cannot be recorded still connects.
 */
public final class CallScreeningService {

    private static final Logger LOG = LoggerFactory.getLogger(CallScreeningService.class);

    /** The call records screening reads and writes: {@link CallRecords} in the table. */
    public interface ScreeningCalls {
        Optional<CallRecord> find(String callSid);

        void recordScreenAccepted(String parentCallSid, String ownerLegSid, Instant now);

        static ScreeningCalls of(CallRecords calls) {
            return new ScreeningCalls() {
                @Override
                public Optional<CallRecord> find(String callSid) {
                    return calls.find(callSid);
                }

                @Override
                public void recordScreenAccepted(String parentCallSid, String ownerLegSid, Instant now) {
                    calls.recordScreenAccepted(parentCallSid, ownerLegSid, now);
                }
            };
        }
    }

    /**
     * What the owner hears about.
     *
     * @param caller the caller's number, or empty when it must not be announced (the business's own number)
     */
    public record Whisper(Line line, Optional<String> caller) {
    }

    private final Lines lines;
    private final ScreeningCalls calls;
    private final Clock clock;

    public CallScreeningService(Lines lines, ScreeningCalls calls, Clock clock) {
        this.lines = lines;
        this.calls = calls;
        this.clock = clock;
    }

    /**
     * The owner's leg answered.
     *
     * @param legFrom the leg's own {@code From}: the caller ID the business shows the owner
     */
    public Whisper ownerAnswered(String legSid, Optional<String> parentSid, Optional<String> legFrom) {
        Optional<CallRecord> parent = parentSid.flatMap(this::parentCall);
        // The caller and the line come from the caller's own call; the owner's leg only knows the caller ID.
        String caller = parent.flatMap(CallRecord::from).or(() -> legFrom).orElse("");
        Line line = lines.forNumber(parent.flatMap(CallRecord::to).orElse(null));
        LOG.info("Screening leg {} of call {}: whisper about {}", legSid, parentSid.orElse("-"), PhoneMask.mask(caller));
        // Without the parent call, From may be the line's own caller ID: never announce the business to itself.
        return new Whisper(line, lines.isBusinessNumber(caller) ? Optional.empty() : Optional.of(caller));
    }

    /** The owner pressed {@code digits}: true when the call is to be connected (1). */
    public boolean ownerChose(String legSid, Optional<String> parentSid, Optional<String> digits) {
        if (!digits.filter("1"::equals).isPresent()) {
            LOG.info("Screening leg {} of call {}: not accepted (digits '{}'); the caller goes to voicemail", legSid,
                    parentSid.orElse("-"), digits.orElse(""));
            return false;
        }
        if (parentSid.isEmpty()) {
            LOG.error("Screening leg {} accepted but has no ParentCallSid: connecting; dial-status will not know it"
                    + " was accepted and may send the caller to voicemail afterwards", legSid);
        } else {
            try {
                calls.recordScreenAccepted(parentSid.get(), legSid, clock.instant());
            } catch (RuntimeException e) {
                LOG.error("Screening leg {} accepted, but it could not be recorded on call {} ({}): connecting anyway;"
                        + " the caller may hear voicemail after the owner hangs up", legSid, parentSid.get(),
                        e.getMessage());
            }
        }
        LOG.info("Screening leg {} of call {}: accepted, connecting", legSid, parentSid.orElse("-"));
        return true;
    }

    private Optional<CallRecord> parentCall(String parentSid) {
        try {
            return calls.find(parentSid);
        } catch (RuntimeException e) {
            LOG.warn("Screening: call {} could not be read ({}); the whisper names the caller ID instead", parentSid,
                    e.getMessage());
            return Optional.empty();
        }
    }
}
