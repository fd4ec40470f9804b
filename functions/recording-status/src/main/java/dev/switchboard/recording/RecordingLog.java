package dev.switchboard.recording;

import dev.switchboard.shared.storage.CallRecord;
import dev.switchboard.shared.storage.CallRecords;
import dev.switchboard.shared.storage.RecordingRecords.NewRecording;
import dev.switchboard.shared.storage.RecordingRecords;
import java.time.Instant;
import java.util.Optional;

/** What recording-status reads and writes: the call ({@link CallRecords}) and the recording ({@link RecordingRecords}). */
public interface RecordingLog {

    Optional<CallRecord> call(String callSid);

    /** Creates the recording item, unless a redelivered callback created it already. */
    void announce(NewRecording recording, Instant now);

    /** A completed recording with audio, on its call. */
    void completedOnCall(String callSid, String recordingSid, boolean voicemail, Instant now);

    /** A recording without audio ({@code absent}, {@code failed}), on its call. */
    void problemOnCall(String callSid, String recordingSid, String status, Optional<String> errorCode, Instant now);

    static RecordingLog of(CallRecords calls, RecordingRecords recordings) {
        return new RecordingLog() {
            @Override
            public Optional<CallRecord> call(String callSid) {
                return calls.find(callSid);
            }

            @Override
            public void announce(NewRecording recording, Instant now) {
                recordings.createIfAbsent(recording, now);
            }

            @Override
            public void completedOnCall(String callSid, String recordingSid, boolean voicemail, Instant now) {
                calls.recordRecordingCompleted(callSid, recordingSid, voicemail, now);
            }

            @Override
            public void problemOnCall(String callSid, String recordingSid, String status, Optional<String> errorCode,
                                      Instant now) {
                calls.recordRecordingProblem(callSid, recordingSid, status, errorCode, now);
            }
        };
    }
}
