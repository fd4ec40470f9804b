package dev.switchboard.voice;

import dev.switchboard.shared.calls.MissedCallTextPolicy.Occasion;
import dev.switchboard.shared.calls.MissedCallTexts;
import dev.switchboard.shared.config.Line;
import dev.switchboard.shared.logging.PhoneMask;
import dev.switchboard.shared.storage.CallRecords.IncomingCall;
import dev.switchboard.shared.storage.CallRecords;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens once a call is answered: it is recorded, and a call sent straight to voicemail (after hours,
 * no forward number) is a missed call already, so its caller gets the missed-call text at the moment
 * {@code MissedCallTextPolicy} says. Neither ever changes what the caller hears: a failure is logged.
 */
public final class IncomingCallService {

    private static final Logger LOG = LoggerFactory.getLogger(IncomingCallService.class);

    /** Where incoming calls are recorded: {@link CallRecords#recordIncoming} in the table. */
    @FunctionalInterface
    public interface CallLog {
        void recordIncoming(IncomingCall call, Instant now);
    }

    private final CallLog calls;
    private final Supplier<Optional<MissedCallTexts>> texts;
    private final Clock clock;

    /** @param texts the missed-call texts, built on first use (most calls never need them) */
    public IncomingCallService(CallLog calls, Supplier<Optional<MissedCallTexts>> texts, Clock clock) {
        this.calls = calls;
        this.texts = texts;
        this.clock = clock;
    }

    public Instant now() {
        return clock.instant();
    }

    /** The call was answered with {@code route} on {@code line}. */
    public void answered(IncomingCall call, Line line, CallRouter.Route route, Instant now) {
        try {
            calls.recordIncoming(call, now);
        } catch (RuntimeException e) {
            LOG.error("Call {} was answered but its record could not be written: {}", call.callSid(), e.getMessage());
        }
        if (route != CallRouter.Route.FORWARD) {
            String caller = call.from().orElse("");
            missedCallTexts().ifPresent(t -> t.onOccasion(line, call.callSid(), caller, Occasion.STRAIGHT_TO_VOICEMAIL,
                    now));
            LOG.debug("Call {} from {} went straight to voicemail", call.callSid(), PhoneMask.mask(caller));
        }
    }

    private Optional<MissedCallTexts> missedCallTexts() {
        try {
            return texts.get();
        } catch (RuntimeException e) {
            // The caller still gets the voicemail; only the text is lost, and that is logged.
            LOG.error("Missed-call texts are unavailable: {}", e.getMessage());
            return Optional.empty();
        }
    }
}
