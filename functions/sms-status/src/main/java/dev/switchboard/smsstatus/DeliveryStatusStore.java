package dev.switchboard.smsstatus;

import dev.switchboard.shared.sms.MessageRecords.DeliveryStatus;
import dev.switchboard.shared.sms.MessageRecords.StatusOutcome;
import dev.switchboard.shared.sms.MessageRecords;
import java.time.Instant;

/** Where delivery statuses go: {@link MessageRecords#applyStatus} in the table. */
@FunctionalInterface
public interface DeliveryStatusStore {

    StatusOutcome applyStatus(DeliveryStatus status, Instant now);
}
