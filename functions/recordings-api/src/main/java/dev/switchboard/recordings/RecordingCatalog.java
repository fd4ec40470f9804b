package dev.switchboard.recordings;

import dev.switchboard.shared.storage.CallRecord;
import dev.switchboard.shared.storage.CallRecords;
import dev.switchboard.shared.storage.RecordingRecords;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What the recordings API reads: recordings ({@link RecordingRecords}, listed through the index) and their
 * calls ({@link CallRecords}). Recording items are passed on as stored: the API shows them as they are.
 */
public interface RecordingCatalog {

    /** See {@link RecordingRecords#page}. */
    RecordingRecords.Page page(Instant from, Instant to, Optional<String> number, int limit,
                               Optional<Map<String, AttributeValue>> startKey, int maxReads);

    Optional<Map<String, AttributeValue>> recording(String recordingSid);

    Optional<CallRecord> call(String callSid);

    static RecordingCatalog of(RecordingRecords recordings, CallRecords calls) {
        return new RecordingCatalog() {
            @Override
            public RecordingRecords.Page page(Instant from, Instant to, Optional<String> number, int limit,
                                              Optional<Map<String, AttributeValue>> startKey, int maxReads) {
                return recordings.page(from, to, number, limit, startKey, maxReads);
            }

            @Override
            public Optional<Map<String, AttributeValue>> recording(String recordingSid) {
                return recordings.find(recordingSid);
            }

            @Override
            public Optional<CallRecord> call(String callSid) {
                return calls.find(callSid);
            }
        };
    }
}
