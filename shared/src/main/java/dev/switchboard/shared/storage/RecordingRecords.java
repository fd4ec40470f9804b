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
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Recordings: {@code pk = REC#<RecordingSid>, sk = REC}. A recording with audio is listed through the
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
        try {
            table.client().updateItem(UpdateItemRequest.builder()
                    .tableName(table.name())
                    .key(Table.key(pk(recordingSid), SK))
                    .updateExpression("SET #lease = :until, #holder = :holder, #sid = :sid, #updatedAt = :now")
                    .conditionExpression("attribute_not_exists(#lease) OR #lease < :nowEpoch OR #holder = :holder")
                    .expressionAttributeNames(Map.of("#lease", "archiveLeaseUntil", "#holder", "archiveLeaseHolder",
                            "#sid", "recordingSid", "#updatedAt", "updatedAt"))
                    .expressionAttributeValues(Map.of(":until", Item.n(now.plus(lease).getEpochSecond()),
                            ":holder", Item.s(holder), ":sid", Item.s(recordingSid), ":now", Item.time(now),
                            ":nowEpoch", Item.n(now.getEpochSecond())))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** Gives the lease back after a failed attempt (only when this holder still has it). */
    public void releaseArchiveLease(String recordingSid, String holder, String error, Instant now) {
        try {
            table.client().updateItem(UpdateItemRequest.builder()
                    .tableName(table.name())
                    .key(Table.key(pk(recordingSid), SK))
                    .updateExpression("REMOVE #lease, #holder SET #error = :error, #updatedAt = :now"
                            + " ADD #attempts :one")
                    .conditionExpression("#holder = :holder")
                    .expressionAttributeNames(Map.of("#lease", "archiveLeaseUntil", "#holder", "archiveLeaseHolder",
                            "#error", "lastArchiveError", "#updatedAt", "updatedAt", "#attempts", "archiveAttempts"))
                    .expressionAttributeValues(Map.of(":holder", Item.s(holder), ":error", Item.s(error),
                            ":now", Item.time(now), ":one", Item.n(1)))
                    .build());
        } catch (ConditionalCheckFailedException e) {
            // Someone else holds it now; nothing to give back.
        }
    }

    /**
     * The recording is in S3. Fills the listing keys and the call's identity when the callback never
     * managed to create the item, and drops the lease.
     */
    public void markArchived(Archived archived, Instant now) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> set = new ArrayList<>();
        setValue(set, names, values, "status", Item.s(ARCHIVED));
        setValue(set, names, values, "s3Bucket", Item.s(archived.bucket()));
        setValue(set, names, values, "s3Key", Item.s(archived.key()));
        setValue(set, names, values, "sizeBytes", Item.n(archived.sizeBytes()));
        setValue(set, names, values, "sha256", Item.s(archived.sha256()));
        setValue(set, names, values, "contentType", Item.s(archived.contentType()));
        setValue(set, names, values, "archivedAt", Item.time(now));
        setValue(set, names, values, "updatedAt", Item.time(now));
        archived.durationSeconds().ifPresent(v -> setValue(set, names, values, "durationSeconds", Item.n(v)));
        archived.channels().ifPresent(v -> setValue(set, names, values, "channels", Item.n(v)));
        String createdAt = sortable(archived.createdAt());
        setIfAbsent(set, names, values, "createdAt", Item.s(createdAt));
        setIfAbsent(set, names, values, "callSid", Item.s(archived.callSid()));
        setIfAbsent(set, names, values, "kind", Item.s(archived.kind()));
        setIfAbsent(set, names, values, Table.GSI1_PK, Item.s(LISTED));
        setIfAbsent(set, names, values, Table.GSI1_SK, Item.s(createdAt + "#" + archived.recordingSid()));
        archived.from().ifPresent(v -> setIfAbsent(set, names, values, "from", Item.s(v)));
        archived.to().ifPresent(v -> setIfAbsent(set, names, values, "to", Item.s(v)));
        archived.line().ifPresent(v -> setIfAbsent(set, names, values, "line", Item.s(v)));
        names.put("#lease", "archiveLeaseUntil");
        names.put("#holder", "archiveLeaseHolder");
        names.put("#error", "lastArchiveError");
        table.client().updateItem(UpdateItemRequest.builder()
                .tableName(table.name())
                .key(Table.key(pk(archived.recordingSid()), SK))
                .updateExpression("SET " + String.join(", ", set) + " REMOVE #lease, #holder, #error")
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build());
    }

    /** The recording was deleted from Twilio after its S3 copy was verified. */
    public void markDeletedFromTwilio(String recordingSid, Instant now) {
        table.client().updateItem(UpdateItemRequest.builder()
                .tableName(table.name())
                .key(Table.key(pk(recordingSid), SK))
                .updateExpression("SET #deleted = :true, #deletedAt = :now, #updatedAt = :now")
                .expressionAttributeNames(Map.of("#deleted", "deletedFromTwilio", "#deletedAt", "deletedFromTwilioAt",
                        "#updatedAt", "updatedAt"))
                .expressionAttributeValues(Map.of(":true", Item.bool(true), ":now", Item.time(now)))
                .build());
    }

    /** The transcription job for this recording is on its queue. */
    public void markTranscriptionQueued(String recordingSid, Instant now) {
        table.client().updateItem(UpdateItemRequest.builder()
                .tableName(table.name())
                .key(Table.key(pk(recordingSid), SK))
                .updateExpression("SET #queued = :now, #updatedAt = :now,"
                        + " #transcriptStatus = if_not_exists(#transcriptStatus, :queued)")
                .expressionAttributeNames(Map.of("#queued", "transcriptionQueuedAt", "#updatedAt", "updatedAt",
                        "#transcriptStatus", "transcriptStatus"))
                .expressionAttributeValues(Map.of(":now", Item.time(now), ":queued", Item.s("queued")))
                .build());
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
            Map<String, String> names = new HashMap<>(Map.of("#pk", Table.GSI1_PK, "#sk", Table.GSI1_SK));
            Map<String, AttributeValue> values = new HashMap<>(Map.of(":pk", Item.s(LISTED),
                    ":from", Item.s(sortable(from)), ":to", Item.s(sortable(to) + "~")));
            QueryRequest.Builder query = QueryRequest.builder()
                    .tableName(table.name())
                    .indexName(Table.GSI1)
                    .keyConditionExpression("#pk = :pk AND #sk BETWEEN :from AND :to")
                    .scanIndexForward(false)
                    .limit(limit - items.size());
            if (number.isPresent()) {
                names.put("#from", "from");
                names.put("#to", "to");
                values.put(":number", Item.s(number.get()));
                query.filterExpression("#from = :number OR #to = :number");
            }
            if (next != null) {
                query.exclusiveStartKey(next);
            }
            QueryResponse response = table.client().query(query.expressionAttributeNames(names)
                    .expressionAttributeValues(values).build());
            items.addAll(response.items());
            next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
            reads++;
        } while (next != null && items.size() < limit && reads < maxReads);
        return new Page(List.copyOf(items), Optional.ofNullable(next));
    }

    private static void setValue(List<String> set, Map<String, String> names, Map<String, AttributeValue> values,
                                 String attribute, AttributeValue value) {
        String name = placeholder(attribute);
        set.add("#" + name + " = :" + name);
        names.put("#" + name, attribute);
        values.put(":" + name, value);
    }

    private static void setIfAbsent(List<String> set, Map<String, String> names, Map<String, AttributeValue> values,
                                    String attribute, AttributeValue value) {
        String name = placeholder(attribute);
        set.add("#" + name + " = if_not_exists(#" + name + ", :" + name + ")");
        names.put("#" + name, attribute);
        values.put(":" + name, value);
    }

    private static String placeholder(String attribute) {
        return attribute.replaceAll("[^A-Za-z0-9]", "");
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
