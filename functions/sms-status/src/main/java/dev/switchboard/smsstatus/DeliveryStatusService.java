package dev.switchboard.smsstatus;

import dev.switchboard.shared.logging.PhoneMask;
import dev.switchboard.shared.sms.MessageRecords.DeliveryStatus;
import dev.switchboard.shared.sms.MessageRecords.StatusOutcome;
import dev.switchboard.shared.sms.MessageStatuses;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a delivery status does: moves the message record forward, never back (a late {@code sent} never
 * overwrites {@code delivered}), and says in the log what a failure means. A status that cannot be
 * recorded is logged and lost (Twilio does not resend status callbacks); the message itself is not
 * affected.
 */
public final class DeliveryStatusService {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryStatusService.class);

    private final DeliveryStatusStore store;
    private final Clock clock;

    public DeliveryStatusService(DeliveryStatusStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** @return what the record did, or empty when it could not be written */
    public Optional<StatusOutcome> reported(DeliveryReport report) {
        String to = PhoneMask.mask(report.to().orElse(null));
        Optional<String> description = report.errorCode().flatMap(DeliveryErrors::describe);
        String error = report.rawErrorCode().map(code -> " (error " + code + description.map(d -> ": " + d).orElse("")
                + ")").orElse("");
        StatusOutcome outcome;
        try {
            outcome = store.applyStatus(new DeliveryStatus(report.messageSid(), report.status(), report.errorCode(),
                    report.rawErrorCode(), description, report.to(), report.from()), clock.instant());
        } catch (RuntimeException e) {
            LOG.error("Status {} of text {} to {} could not be recorded: {}", report.status(), report.messageSid(), to,
                    e.getMessage());
            return Optional.empty();
        }
        switch (outcome) {
            case STALE -> LOG.info("Text {} to {}: status {} arrived late or again; the record keeps its later status",
                    report.messageSid(), to, report.status());
            case CREATED -> LOG.info("Text {} to {}: status {}{} recorded for a message Switchboard has no record of",
                    report.messageSid(), to, report.status(), error);
            default -> {
                if (MessageStatuses.isFailure(report.status())
                        || DeliveryErrors.isCarrierFailure(report.errorCode().orElse(null))) {
                    LOG.warn("Text {} to {} was not delivered: {}{}", report.messageSid(), to, report.status(), error);
                } else {
                    LOG.info("Text {} to {}: {}{}", report.messageSid(), to, report.status(), error);
                }
            }
        }
        return Optional.of(outcome);
    }
}
