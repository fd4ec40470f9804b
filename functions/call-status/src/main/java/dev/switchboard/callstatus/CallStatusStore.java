package dev.switchboard.callstatus;

import dev.switchboard.shared.activity.ActivityEvent;
import dev.switchboard.shared.activity.ActivityIndex;
import dev.switchboard.shared.storage.CallRecord;
import dev.switchboard.shared.storage.CallRecords.StatusUpdate;
import dev.switchboard.shared.storage.CallRecords;
import java.time.Instant;
import java.util.Optional;

/** The call records call-status moves forward and reads at a call's end: {@link CallRecords} in the table. */
public interface CallStatusStore {

    /** @return false when the callback was late, out of order or a repeat (see {@link CallRecords#applyStatus}) */
    boolean applyStatus(StatusUpdate update, Instant now);

    Optional<CallRecord> find(String callSid);

    /** Files an ended call in the caller's timeline and the owner's feed. */
    default void recordActivity(ActivityEvent event) {
    }

    static CallStatusStore of(CallRecords calls, ActivityIndex activity) {
        return new CallStatusStore() {
            @Override
            public void recordActivity(ActivityEvent event) {
                activity.record(event);
            }

            @Override
            public boolean applyStatus(StatusUpdate update, Instant now) {
                return calls.applyStatus(update, now);
            }

            @Override
            public Optional<CallRecord> find(String callSid) {
                return calls.find(callSid);
            }
        };
    }
}
