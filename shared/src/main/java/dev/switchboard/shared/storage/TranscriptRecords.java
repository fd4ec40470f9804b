package dev.switchboard.shared.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.switchboard.shared.jobs.TranscriptionJob;
import dev.switchboard.shared.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * A recording's transcript, as the transcriber records it and the recordings API reads it.
 *
 * <p>On the recording item ({@code pk = REC#<RecordingSid>, sk = REC}, created by the call-lifecycle
 * functions): {@code transcriptStatus} ({@code pending|completed|skipped|failed}), {@code transcriptEngine},
 * {@code transcriptSid}, {@code transcriptLanguage}, {@code transcriptJsonKey}, {@code transcriptTextKey},
 * {@code transcriptExcerpt}, {@code transcriptSkippedReason}, {@code transcriptError},
 * {@code transcriptUpdatedAt} and {@code extracted} (a map: field → {@code {value, sentence}}). The status,
 * engine, keys, language and excerpt are mirrored on the call item ({@code CALL#<CallSid>}) with
 * {@code transcriptRecordingSid}. Every write is an UpdateItem, so it works whether or not the other
 * functions have written the item yet, and touches only these attributes.
 *
 * <p>A Conversational Intelligence transcript is remembered under {@code pk = TRANSCRIPT#<GT sid>, sk =
 * TRANSCRIPT} with the job that asked for it, so that its webhook can be traced back to the recording.
 *
 * <p>A completed transcript is never overwritten by a late "pending", "skipped" or "failed".
 */
public final class TranscriptRecords {

    public static final String PENDING = "pending";
    public static final String COMPLETED = "completed";
    public static final String SKIPPED = "skipped";
    public static final String FAILED = "failed";

    public static final String REC_SK = "REC";
    public static final String TRANSCRIPT_SK = "TRANSCRIPT";

    /** How long a transcript SID → job link is kept: far longer than any transcript takes. */
    public static final Duration TRANSCRIPT_LINK_TTL = Duration.ofDays(30);

    private final Table table;

    public TranscriptRecords(Table table) {
        this.table = table;
    }

    public static String recordingPk(String recordingSid) {
        return "REC#" + recordingSid;
    }

    public static String transcriptPk(String transcriptSid) {
        return "TRANSCRIPT#" + transcriptSid;
    }

    /** The transcript attributes of a recording, as stored now. */
    public record State(String status, Optional<String> engine, Optional<String> transcriptSid) {

        /** Completed or skipped: there is nothing more to do for this recording. */
        public boolean finished() {
            return COMPLETED.equals(status) || SKIPPED.equals(status);
        }
    }

    /** A field found in a transcript and the sentence it came from. */
    public record Evidence(String value, String sentence) {
    }

    /**
     * A stored transcript.
     *
     * @param excerpt   the first few hundred characters of the readable text, for listings
     * @param extracted field → evidence, in the order they are reported
     */
    public record Completed(String recordingSid, String callSid, String engine, Optional<String> transcriptSid,
                            Optional<String> language, String jsonKey, String textKey, String excerpt,
                            Map<String, Evidence> extracted) {
    }

    public Optional<State> state(String recordingSid) {
        return recording(recordingSid).flatMap(item -> Item.string(item, "transcriptStatus").map(status ->
                new State(status, Item.string(item, "transcriptEngine"), Item.string(item, "transcriptSid"))));
    }

    /** The whole recording item (written by the call-lifecycle functions and by this class). */
    public Optional<Map<String, AttributeValue>> recording(String recordingSid) {
        return table.get(recordingPk(recordingSid), REC_SK);
    }

    /**
     * Marks the recording as sent to an engine that answers later (Conversational Intelligence).
     *
     * @return false when the recording is already completed or skipped (a late duplicate)
     */
    public boolean markPending(String recordingSid, String callSid, String engine, Optional<String> transcriptSid,
                               Instant now) {
        Update update = new Update(now).set("transcriptStatus", PENDING).set("transcriptEngine", engine)
                .remove("transcriptSkippedReason").remove("transcriptError");
        transcriptSid.ifPresent(sid -> update.set("transcriptSid", sid));
        boolean written = update.applyTo(recordingPk(recordingSid), REC_SK, recordingSid, callSid, true);
        if (written) {
            Update call = new Update(now).set("transcriptStatus", PENDING).set("transcriptEngine", engine)
                    .set("transcriptRecordingSid", recordingSid);
            transcriptSid.ifPresent(sid -> call.set("transcriptSid", sid));
            call.applyTo(CallRecords.pk(callSid), CallRecords.SK, null, callSid, true);
        }
        return written;
    }

    /** Records a stored transcript on the recording and mirrors its keys and excerpt on the call. */
    public void markCompleted(Completed c, Instant now) {
        Update update = new Update(now)
                .set("transcriptStatus", COMPLETED)
                .set("transcriptEngine", c.engine())
                .set("transcriptJsonKey", c.jsonKey())
                .set("transcriptTextKey", c.textKey())
                .set("transcriptExcerpt", c.excerpt())
                .set("extracted", evidenceMap(c.extracted()))
                .remove("transcriptSkippedReason").remove("transcriptError");
        c.transcriptSid().ifPresent(sid -> update.set("transcriptSid", sid));
        c.language().ifPresentOrElse(l -> update.set("transcriptLanguage", l), () -> update.remove("transcriptLanguage"));
        update.applyTo(recordingPk(c.recordingSid()), REC_SK, c.recordingSid(), c.callSid(), false);

        Update call = new Update(now)
                .set("transcriptStatus", COMPLETED)
                .set("transcriptEngine", c.engine())
                .set("transcriptRecordingSid", c.recordingSid())
                .set("transcriptJsonKey", c.jsonKey())
                .set("transcriptTextKey", c.textKey())
                .set("transcriptExcerpt", c.excerpt());
        c.transcriptSid().ifPresent(sid -> call.set("transcriptSid", sid));
        c.language().ifPresent(l -> call.set("transcriptLanguage", l));
        call.applyTo(CallRecords.pk(c.callSid()), CallRecords.SK, null, c.callSid(), false);
    }

    /**
     * Records that no transcript will be made (transcription off, a file too large for every engine).
     *
     * @return false when a transcript was completed meanwhile
     */
    public boolean markSkipped(String recordingSid, String callSid, Optional<String> engine, String reason, Instant now) {
        return markEnded(recordingSid, callSid, engine, SKIPPED, "transcriptSkippedReason", reason, now);
    }

    /**
     * Records that every engine failed for good (the job is in the dead-letter queue).
     *
     * @return false when a transcript was completed meanwhile
     */
    public boolean markFailed(String recordingSid, String callSid, Optional<String> engine, String reason, Instant now) {
        return markEnded(recordingSid, callSid, engine, FAILED, "transcriptError", reason, now);
    }

    private boolean markEnded(String recordingSid, String callSid, Optional<String> engine, String status,
                              String reasonAttribute, String reason, Instant now) {
        Update update = new Update(now).set("transcriptStatus", status).set(reasonAttribute, reason);
        engine.ifPresent(e -> update.set("transcriptEngine", e));
        boolean written = update.applyTo(recordingPk(recordingSid), REC_SK, recordingSid, callSid, true);
        if (written) {
            Update call = new Update(now).set("transcriptStatus", status).set("transcriptRecordingSid", recordingSid);
            call.applyTo(CallRecords.pk(callSid), CallRecords.SK, null, callSid, true);
        }
        return written;
    }

    /** Remembers which job an Intelligence transcript belongs to, for its webhook. */
    public void rememberTranscript(String transcriptSid, TranscriptionJob job, Instant now) {
        table.client().putItem(b -> b.tableName(table.name()).item(Map.of(
                Table.PK, Item.s(transcriptPk(transcriptSid)),
                Table.SK, Item.s(TRANSCRIPT_SK),
                "transcriptSid", Item.s(transcriptSid),
                "recordingSid", Item.s(job.recordingSid()),
                "callSid", Item.s(job.callSid()),
                "job", Item.s(Json.write(job)),
                "createdAt", Item.time(now),
                Table.TTL, Item.expiresAt(now.plus(TRANSCRIPT_LINK_TTL)))));
    }

    /** The job an Intelligence transcript was created for, if Switchboard created it. */
    public Optional<TranscriptionJob> transcriptJob(String transcriptSid) {
        return table.get(transcriptPk(transcriptSid), TRANSCRIPT_SK)
                .flatMap(item -> Item.string(item, "job"))
                .map(json -> {
                    try {
                        return Json.MAPPER.readValue(json, TranscriptionJob.class);
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException("the job stored for transcript " + transcriptSid
                                + " is not valid JSON", e);
                    }
                });
    }

    private static AttributeValue evidenceMap(Map<String, Evidence> extracted) {
        Map<String, AttributeValue> map = new LinkedHashMap<>();
        extracted.forEach((field, evidence) -> map.put(field, AttributeValue.fromM(Map.of(
                "value", Item.s(evidence.value()),
                "sentence", Item.s(evidence.sentence())))));
        return AttributeValue.fromM(map);
    }

    /** Reads {@code extracted} back: field → evidence. */
    public static Map<String, Evidence> extracted(Map<String, AttributeValue> item) {
        Map<String, Evidence> out = new LinkedHashMap<>();
        AttributeValue value = item == null ? null : item.get("extracted");
        if (value != null && value.hasM()) {
            value.m().forEach((field, v) -> {
                if (v.hasM()) {
                    out.put(field, new Evidence(Item.string(v.m(), "value").orElse(""),
                            Item.string(v.m(), "sentence").orElse("")));
                }
            });
        }
        return out;
    }

    /** One UpdateItem: SET and REMOVE of transcript attributes, plus the item's ids if it is new. */
    private final class Update {
        private final Map<String, String> names = new HashMap<>();
        private final Map<String, AttributeValue> values = new HashMap<>();
        private final StringBuilder set = new StringBuilder();
        private final StringBuilder remove = new StringBuilder();
        private int n;

        Update(Instant now) {
            set("transcriptUpdatedAt", Item.time(now));
        }

        Update set(String attribute, String value) {
            return set(attribute, Item.s(value));
        }

        Update set(String attribute, AttributeValue value) {
            String name = "#a" + n;
            String placeholder = ":v" + n++;
            names.put(name, attribute);
            values.put(placeholder, value);
            set.append(set.length() == 0 ? "" : ", ").append(name).append(" = ").append(placeholder);
            return this;
        }

        Update remove(String attribute) {
            String name = "#a" + n++;
            names.put(name, attribute);
            remove.append(remove.length() == 0 ? "" : ", ").append(name);
            return this;
        }

        /** @return false when {@code unlessCompleted} and the item already holds a completed transcript */
        boolean applyTo(String pk, String sk, String recordingSid, String callSid, boolean unlessCompleted) {
            if (recordingSid != null) {
                setIfAbsent("recordingSid", recordingSid);
            }
            if (callSid != null) {
                setIfAbsent("callSid", callSid);
            }
            String expression = "SET " + set + (remove.length() == 0 ? "" : " REMOVE " + remove);
            UpdateItemRequest.Builder request = UpdateItemRequest.builder()
                    .tableName(table.name())
                    .key(Table.key(pk, sk))
                    .updateExpression(expression);
            if (unlessCompleted) {
                names.put("#status", "transcriptStatus");
                values.put(":completed", Item.s(COMPLETED));
                values.put(":skipped", Item.s(SKIPPED));
                request.conditionExpression("attribute_not_exists(#status) OR NOT (#status IN (:completed, :skipped))");
            }
            try {
                table.client().updateItem(request.expressionAttributeNames(names).expressionAttributeValues(values).build());
                return true;
            } catch (ConditionalCheckFailedException e) {
                return false;
            }
        }

        private void setIfAbsent(String attribute, String value) {
            String name = "#a" + n;
            String placeholder = ":v" + n++;
            names.put(name, attribute);
            values.put(placeholder, Item.s(value));
            set.append(", ").append(name).append(" = if_not_exists(").append(name).append(", ").append(placeholder).append(")");
        }
    }

    /** The attribute names this class writes on a recording, for documentation and tests. */
    public static final List<String> RECORDING_ATTRIBUTES = List.of("transcriptStatus", "transcriptEngine",
            "transcriptSid", "transcriptLanguage", "transcriptJsonKey", "transcriptTextKey", "transcriptExcerpt",
            "transcriptSkippedReason", "transcriptError", "transcriptUpdatedAt", "extracted");
}
