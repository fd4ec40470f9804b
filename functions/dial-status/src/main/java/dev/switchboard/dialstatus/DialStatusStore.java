package dev.switchboard.dialstatus;

import dev.switchboard.shared.storage.CallRecord;
import dev.switchboard.shared.storage.CallRecords;
import java.time.Instant;
import java.util.Optional;

/** The call records dial-status reads and writes: {@link CallRecords} in the table. */
public interface DialStatusStore {

    Optional<CallRecord> find(String callSid);

    void recordDialOutcome(CallRecords.DialOutcome outcome, Instant now);

    void recordVoicemail(String callSid, boolean left, Optional<String> recordingSid, Optional<Long> durationSeconds,
                         Instant now);

    static DialStatusStore of(CallRecords calls) {
        return new DialStatusStore() {
            @Override
            public Optional<CallRecord> find(String callSid) {
                return calls.find(callSid);
            }

            @Override
            public void recordDialOutcome(CallRecords.DialOutcome outcome, Instant now) {
                calls.recordDialOutcome(outcome, now);
            }

            @Override
            public void recordVoicemail(String callSid, boolean left, Optional<String> recordingSid,
                                        Optional<Long> durationSeconds, Instant now) {
                calls.recordVoicemail(callSid, left, recordingSid, durationSeconds, now);
            }
        };
    }
}
