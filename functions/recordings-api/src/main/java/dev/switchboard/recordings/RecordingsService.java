package dev.switchboard.recordings;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.shared.storage.CallRecord;
import dev.switchboard.shared.storage.Item;
import dev.switchboard.shared.storage.RecordingRecords;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What the recordings API shows: pages of recordings, newest first, and one recording with its call, a link
 * to the audio that expires after {@code PRESIGNED_URL_MINUTES} (in the bucket the recording was archived
 * to, served with its content type) and the transcript's text (at most 1 MiB; one that cannot be read is left
 * out, never an error).
 */
public final class RecordingsService {

    static final int MAX_TRANSCRIPT_BYTES = 1024 * 1024;
    /** Index pages read to fill one listing page, so a rare number never makes one request scan everything. */
    private static final int MAX_INDEX_READS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(RecordingsService.class);

    private final RecordingCatalog catalog;
    private final RecordingFiles files;
    private final String bucket;
    private final Duration linkLifetime;
    private final Clock clock;

    /** @param bucket {@code RECORDINGS_BUCKET}, for recordings whose item does not name theirs */
    public RecordingsService(RecordingCatalog catalog, RecordingFiles files, String bucket, Duration linkLifetime,
                             Clock clock) {
        this.catalog = catalog;
        this.files = files;
        this.bucket = bucket;
        this.linkLifetime = linkLifetime;
        this.clock = clock;
    }

    /** One page of the listing (its cursor already checked). */
    public ObjectNode list(ListQuery query) {
        Optional<Map<String, AttributeValue>> start = query.cursor().map(Cursors::decode);
        RecordingRecords.Page page = catalog.page(query.from(), query.to(), query.number(), query.limit(), start,
                MAX_INDEX_READS);
        LOG.info("Recordings API: listed {} recordings{}", page.items().size(),
                page.lastKey().isPresent() ? " (more follow)" : "");
        return RecordingViews.page(page.items(), page.lastKey().map(Cursors::encode));
    }

    /** One recording, or empty when there is none with this SID. */
    public Optional<ObjectNode> detail(String sid) {
        if (!sid.matches("[A-Za-z0-9-]{2,64}")) {
            return Optional.empty();
        }
        Optional<Map<String, AttributeValue>> item = catalog.recording(sid);
        if (item.isEmpty()) {
            return Optional.empty();
        }
        Map<String, AttributeValue> recording = item.get();
        Optional<CallRecord> call = Item.string(recording, "callSid").flatMap(catalog::call);
        String objectBucket = Item.string(recording, "s3Bucket").orElse(bucket);
        Optional<RecordingViews.PresignedAudio> audio = Item.string(recording, "s3Key").map(key -> {
            Instant expires = clock.instant().plus(linkLifetime);
            return new RecordingViews.PresignedAudio(files.presignedGet(objectBucket, key,
                    Item.string(recording, "contentType").orElse("audio/mpeg"), linkLifetime), expires.toString());
        });
        Optional<String> transcript = Item.string(recording, "transcriptTextKey").flatMap(key -> {
            try {
                return Optional.of(files.readText(objectBucket, key, MAX_TRANSCRIPT_BYTES));
            } catch (RuntimeException e) {
                LOG.warn("Recordings API: transcript s3://{}/{} could not be read: {}", objectBucket, key, e.getMessage());
                return Optional.empty();
            }
        });
        LOG.info("Recordings API: recording {} of call {} fetched{}", sid, Item.string(recording, "callSid").orElse("-"),
                audio.isPresent() ? " with an audio link" : "");
        return Optional.of(RecordingViews.detail(recording, call, audio, transcript));
    }
}
