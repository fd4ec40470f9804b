package dev.switchboard.shared.storage;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Recordings, {@code pk = REC#<RecordingSid>, sk = REC}: the one class that writes them. A recording with audio is listed through the
 * index ({@code gsi1pk = RECORDINGS}, {@code gsi1sk = <createdAt>#<RecordingSid>}, newest first); one
 * that never produced audio ({@code absent}, {@code failed}) is kept but not listed.
 *
 * <p>Written by recording-status ({@code queued}, {@code absent}, {@code failed}), the archive worker
 * ({@code archived}: s3Bucket, s3Key, sizeBytes, sha256, contentType, archivedAt, deletedFromTwilio) and
 * the transcriber ({@code transcriptStatus}, {@code transcriptEngine}, {@code transcriptSid},
 * {@code transcriptLanguage}, {@code transcriptJsonKey}, {@code transcriptTextKey}, {@code transcriptExcerpt},
 * {@code transcriptSkippedReason}, {@code extracted}).
 */
public final class RecordingRecords {

    public static final String SK = "REC";
    public static final String LISTED = "RECORDINGS";

    public static final String QUEUED = "queued";
    public static final String ABSENT = "absent";
    public static final String FAILED = "failed";
    public static final String ARCHIVED = "archived";

    private static final String LEASE_UNTIL = "archiveLeaseUntil";
    private static final String LEASE_HOLDER = "archiveLeaseHolder";

    /** Fixed-width UTC timestamps, so that the index's sort key orders as text. */
    private static final DateTimeFormatter SORTABLE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Table table;

    public RecordingRecords(Table table) {
        this.table = table;
    }

    public static String pk(String recordingSid) {
        return "REC#" + recordingSid;
    }

    /** The sortable form of an instant used in {@code createdAt} and {@code gsi1sk}. */
    public static String sortable(Instant instant) {
        return SORTABLE.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    public Optional<Map<String, AttributeValue>> find(String recordingSid) {
        return table.get(pk(recordingSid), SK);
    }

    /**
     * Creates the recording item, unless one already exists (a redelivered callback).
     *
     * @return empty when created; the existing item otherwise
     */
    public Optional<Map<String, AttributeValue>> createIfAbsent(NewRecording recording, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>();
        String createdAt = sortable(now);
        item.put("recordingSid", Item.s(recording.recordingSid()));
        item.put("callSid", Item.s(recording.callSid()));
        item.put("status", Item.s(recording.status()));
        item.put("kind", Item.s(recording.kind()));
        item.put("createdAt", Item.s(createdAt));
        item.put("updatedAt", Item.time(now));
        recording.recordingUrl().ifPresent(v -> item.put("recordingUrl", Item.s(v)));
        recording.durationSeconds().ifPresent(v -> item.put("durationSeconds", Item.n(v)));
        recording.channels().ifPresent(v -> item.put("channels", Item.n(v)));
        recording.source().ifPresent(v -> item.put("source", Item.s(v)));
        recording.recordingStartTime().ifPresent(v -> item.put("recordingStartTime", Item.s(v)));
        recording.errorCode().ifPresent(v -> item.put("errorCode", Item.s(v)));
        recording.from().ifPresent(v -> item.put("from", Item.s(v)));
        recording.to().ifPresent(v -> item.put("to", Item.s(v)));
        recording.line().ifPresent(v -> item.put("line", Item.s(v)));
        if (recording.listed()) {
            item.put(Table.GSI1_PK, Item.s(LISTED));
            item.put(Table.GSI1_SK, Item.s(createdAt + "#" + recording.recordingSid()));
        }
        return table.putIfAbsent(pk(recording.recordingSid()), SK, item, null, now);
    }

    /**
     * Takes the archive lease on a recording, so that two deliveries of the same job never upload at once.
     * Creates the item when the callback could not (its table write failed).
     *
     * @param holder who takes it (the SQS message id: a redelivery of the same message may take it again)
     * @return false when another worker holds an unexpired lease
     */
    public boolean acquireArchiveLease(String recordingSid, String holder, Duration lease, Instant now) {
        return table.update(Update.item(pk(recordingSid), SK)
                .set(LEASE_UNTIL, now.plus(lease).getEpochSecond())
                .set(LEASE_HOLDER, holder)
                .set("recordingSid", recordingSid)
                .set("updatedAt", now)
                .onlyIf(Condition.absent(LEASE_UNTIL)
                        .or(Condition.lessThan(LEASE_UNTIL, Item.n(now.getEpochSecond())))
                        .or(Condition.equalTo(LEASE_HOLDER, Item.s(holder)))));
    }

    /** Gives the lease back after a failed attempt (only when this holder still has it). */
    public void releaseArchiveLease(String recordingSid, String holder, String error, Instant now) {
        // A failed condition means someone else holds it now: nothing to give back.
        table.update(Update.item(pk(recordingSid), SK)
                .remove(LEASE_UNTIL)
                .remove(LEASE_HOLDER)
                .set("lastArchiveError", error)
                .set("updatedAt", now)
                .add("archiveAttempts", 1)
                .onlyIf(Condition.equalTo(LEASE_HOLDER, Item.s(holder))));
    }

    /**
     * The recording is in S3. Fills the listing keys and the call's identity when the callback never
     * managed to create the item, and drops the lease.
     */
    public void markArchived(Archived archived, Instant now) {
        String createdAt = sortable(archived.createdAt());
        Update update = Update.item(pk(archived.recordingSid()), SK)
                .set("status", ARCHIVED)
                .set("s3Bucket", archived.bucket())
                .set("s3Key", archived.key())
                .set("sizeBytes", archived.sizeBytes())
                .set("sha256", archived.sha256())
                .set("contentType", archived.contentType())
                .set("archivedAt", now)
                .set("updatedAt", now)
                .keep("createdAt", Item.s(createdAt))
                .keep("callSid", Item.s(archived.callSid()))
                .keep("kind", Item.s(archived.kind()))
                .keep(Table.GSI1_PK, Item.s(LISTED))
                .keep(Table.GSI1_SK, Item.s(createdAt + "#" + archived.recordingSid()))
                .remove(LEASE_UNTIL)
                .remove(LEASE_HOLDER)
                .remove("lastArchiveError");
        archived.durationSeconds().ifPresent(v -> update.set("durationSeconds", v));
        archived.channels().ifPresent(v -> update.set("channels", v));
        archived.from().ifPresent(v -> update.keep("from", Item.s(v)));
        archived.to().ifPresent(v -> update.keep("to", Item.s(v)));
        archived.line().ifPresent(v -> update.keep("line", Item.s(v)));
        table.update(update);
    }

    /** The recording was deleted from Twilio after its S3 copy was verified. */
    public void markDeletedFromTwilio(String recordingSid, Instant now) {
        table.update(Update.item(pk(recordingSid), SK)
                .set("deletedFromTwilio", true)
                .set("deletedFromTwilioAt", now)
                .set("updatedAt", now));
    }

    /** The transcription job for this recording is on its queue. */
    public void markTranscriptionQueued(String recordingSid, Instant now) {
        table.update(Update.item(pk(recordingSid), SK)
                .set("transcriptionQueuedAt", now)
                .set("updatedAt", now)
                .keep("transcriptStatus", Item.s("queued")));
    }

    /**
     * Records the recording's transcript attributes (set, or removed when empty). Written by
     * {@link TranscriptRecords}, which decides what they are.
     *
     * @param unlessFinished false when a completed or skipped transcript must not be replaced
     * @return false when {@code unlessFinished} and the recording already has a finished transcript
     */
    boolean recordTranscript(String recordingSid, String callSid, Map<String, Optional<AttributeValue>> attributes,
                             Instant now, boolean unlessFinished) {
        Update update = Update.item(pk(recordingSid), SK)
                .set("transcriptUpdatedAt", now)
                .keep("recordingSid", Item.s(recordingSid))
                .keep("callSid", Item.s(callSid));
        attributes.forEach((name, value) -> {
            if (value.isPresent()) {
                update.set(name, value.get());
            } else {
                update.remove(name);
            }
        });
        if (unlessFinished) {
            update.onlyIf(TranscriptRecords.notFinished());
        }
        return table.update(update);
    }

    /**
     * One page of listed recordings, newest first, between two instants (inclusive), optionally only those
     * where {@code number} is the caller or the called number. Reads at most {@code maxReads} index pages to
     * fill a page, so a rare number never makes one request scan everything; the cursor then continues.
     *
     * @param startKey where the previous page stopped, from {@link Page#lastKey}
     */
    public Page page(Instant from, Instant to, Optional<String> number, int limit,
                     Optional<Map<String, AttributeValue>> startKey, int maxReads) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> next = startKey.orElse(null);
        int reads = 0;
        do {
            Placeholders placeholders = new Placeholders();
            Condition listed = Condition.equalTo(Table.GSI1_PK, Item.s(LISTED))
                    .and(Condition.between(Table.GSI1_SK, Item.s(sortable(from)), Item.s(sortable(to) + "~")));
            QueryRequest.Builder query = QueryRequest.builder()
                    .tableName(table.name())
                    .indexName(Table.GSI1)
                    .keyConditionExpression(listed.render(placeholders))
                    .scanIndexForward(false)
                    .limit(limit - items.size());
            number.ifPresent(n -> query.filterExpression(Condition.equalTo("from", Item.s(n))
                    .or(Condition.equalTo("to", Item.s(n))).render(placeholders)));
            if (next != null) {
                query.exclusiveStartKey(next);
            }
            QueryResponse response = table.client().query(query.expressionAttributeNames(placeholders.names())
                    .expressionAttributeValues(placeholders.values()).build());
            items.addAll(response.items());
            next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
            reads++;
        } while (next != null && items.size() < limit && reads < maxReads);
        return new Page(List.copyOf(items), Optional.ofNullable(next));
    }

    /**
     * A recording as {@code /twilio/voice/recording} announced it.
     *
     * @param status {@link #QUEUED}, {@link #ABSENT} or {@link #FAILED}
     * @param kind   {@code call} (the forwarded conversation) or {@code voicemail}
     * @param listed whether it appears in the recordings listing (it has audio)
     */
    public record NewRecording(String recordingSid, String callSid, String status, String kind, boolean listed,
                               Optional<String> recordingUrl, Optional<Long> durationSeconds, Optional<Long> channels,
                               Optional<String> source, Optional<String> recordingStartTime, Optional<String> errorCode,
                               Optional<String> from, Optional<String> to, Optional<String> line) {
    }

    /** What the archive worker stored. */
    public record Archived(String recordingSid, String callSid, String kind, Instant createdAt, String bucket,
                           String key, long sizeBytes, String sha256, String contentType,
                           Optional<Long> durationSeconds, Optional<Long> channels, Optional<String> from,
                           Optional<String> to, Optional<String> line) {
    }

    /** One page of recordings; {@code lastKey} is present when more may follow. */
    public record Page(List<Map<String, AttributeValue>> items, Optional<Map<String, AttributeValue>> lastKey) {
    }
}
