package dev.switchboard.shared.storage;

import dev.switchboard.shared.jobs.TranscriptionJob;
import dev.switchboard.shared.json.Json;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A recording's transcript, as the transcriber records it and the recordings API reads it.
 *
 * <p>On the recording item ({@code pk = REC#<RecordingSid>, sk = REC}, created by the call-lifecycle
 * functions): {@code transcriptStatus} ({@code pending|completed|skipped|failed}), {@code transcriptEngine},
 * {@code transcriptSid}, {@code transcriptLanguage}, {@code transcriptJsonKey}, {@code transcriptTextKey},
 * {@code transcriptExcerpt}, {@code transcriptSkippedReason}, {@code transcriptError},
 * {@code transcriptUpdatedAt} and {@code extracted} (a map: field → {@code {value, sentence}}). The status,
 * engine, keys, language and excerpt are mirrored on the call item ({@code CALL#<CallSid>}) with
 * {@code transcriptRecordingSid}. This class decides those attributes; {@link RecordingRecords} and
 * {@link CallRecords}, the owners of the two items, write them as updates that touch only these attributes,
 * so they work whether or not the other functions have written the item yet.
 *
 * <p>A Conversational Intelligence transcript is remembered under {@code pk = TRANSCRIPT#<GT sid>, sk =
 * TRANSCRIPT} (this class is the owner of those items) with the job that asked for it, so that its webhook can be traced back to the recording.
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
    private final RecordingRecords recordings;
    private final CallRecords calls;

    public TranscriptRecords(Table table) {
        this.table = table;
        this.recordings = new RecordingRecords(table);
        this.calls = new CallRecords(table);
    }

    public static String recordingPk(String recordingSid) {
        return RecordingRecords.pk(recordingSid);
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
        return recordings.find(recordingSid);
    }

    /**
     * Marks the recording as sent to an engine that answers later (Conversational Intelligence).
     *
     * @return false when the recording is already completed or skipped (a late duplicate)
     */
    public boolean markPending(String recordingSid, String callSid, String engine, Optional<String> transcriptSid,
                               Instant now) {
        Map<String, Optional<AttributeValue>> attributes = new LinkedHashMap<>();
        attributes.put("transcriptStatus", text(PENDING));
        attributes.put("transcriptEngine", text(engine));
        attributes.put("transcriptSkippedReason", Optional.empty());
        attributes.put("transcriptError", Optional.empty());
        transcriptSid.ifPresent(sid -> attributes.put("transcriptSid", text(sid)));
        boolean written = recordings.recordTranscript(recordingSid, callSid, attributes, now, true);
        if (written) {
            Map<String, AttributeValue> call = new LinkedHashMap<>();
            call.put("transcriptStatus", Item.s(PENDING));
            call.put("transcriptEngine", Item.s(engine));
            call.put("transcriptRecordingSid", Item.s(recordingSid));
            transcriptSid.ifPresent(sid -> call.put("transcriptSid", Item.s(sid)));
            calls.recordTranscript(callSid, call, now, true);
        }
        return written;
    }

    /** Records a stored transcript on the recording and mirrors its keys and excerpt on the call. */
    public void markCompleted(Completed c, Instant now) {
        Map<String, Optional<AttributeValue>> attributes = new LinkedHashMap<>();
        attributes.put("transcriptStatus", text(COMPLETED));
        attributes.put("transcriptEngine", text(c.engine()));
        attributes.put("transcriptJsonKey", text(c.jsonKey()));
        attributes.put("transcriptTextKey", text(c.textKey()));
        attributes.put("transcriptExcerpt", text(c.excerpt()));
        attributes.put("extracted", Optional.of(evidenceMap(c.extracted())));
        attributes.put("transcriptSkippedReason", Optional.empty());
        attributes.put("transcriptError", Optional.empty());
        c.transcriptSid().ifPresent(sid -> attributes.put("transcriptSid", text(sid)));
        attributes.put("transcriptLanguage", c.language().map(Item::s));
        recordings.recordTranscript(c.recordingSid(), c.callSid(), attributes, now, false);

        Map<String, AttributeValue> call = new LinkedHashMap<>();
        call.put("transcriptStatus", Item.s(COMPLETED));
        call.put("transcriptEngine", Item.s(c.engine()));
        call.put("transcriptRecordingSid", Item.s(c.recordingSid()));
        call.put("transcriptJsonKey", Item.s(c.jsonKey()));
        call.put("transcriptTextKey", Item.s(c.textKey()));
        call.put("transcriptExcerpt", Item.s(c.excerpt()));
        c.transcriptSid().ifPresent(sid -> call.put("transcriptSid", Item.s(sid)));
        c.language().ifPresent(l -> call.put("transcriptLanguage", Item.s(l)));
        calls.recordTranscript(c.callSid(), call, now, false);
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
        Map<String, Optional<AttributeValue>> attributes = new LinkedHashMap<>();
        attributes.put("transcriptStatus", text(status));
        attributes.put(reasonAttribute, text(reason));
        engine.ifPresent(e -> attributes.put("transcriptEngine", text(e)));
        boolean written = recordings.recordTranscript(recordingSid, callSid, attributes, now, true);
        if (written) {
            calls.recordTranscript(callSid, Map.of("transcriptStatus", Item.s(status),
                    "transcriptRecordingSid", Item.s(recordingSid)), now, true);
        }
        return written;
    }

    /** "Not completed and not skipped": the condition under which a late write may still change a transcript. */
    static Condition notFinished() {
        return Condition.absent("transcriptStatus")
                .or(Condition.not(Condition.in("transcriptStatus", Item.s(COMPLETED), Item.s(SKIPPED))));
    }

    private static Optional<AttributeValue> text(String value) {
        return Optional.of(Item.s(value));
    }

    /** Remembers which job an Intelligence transcript belongs to, for its webhook. */
    public void rememberTranscript(String transcriptSid, TranscriptionJob.Transcribe job, Instant now) {
        table.put(Map.of(
                Table.PK, Item.s(transcriptPk(transcriptSid)),
                Table.SK, Item.s(TRANSCRIPT_SK),
                "transcriptSid", Item.s(transcriptSid),
                "recordingSid", Item.s(job.recordingSid()),
                "callSid", Item.s(job.callSid()),
                "job", Item.s(Json.write(job)),
                "createdAt", Item.time(now),
                Table.TTL, Item.expiresAt(now.plus(TRANSCRIPT_LINK_TTL))));
    }

    /**
     * The job an Intelligence transcript was created for, if Switchboard created it (stored in the job's
     * shape of the day: older links hold the older shape, which {@link TranscriptionJob#TYPE} still reads).
     */
    public Optional<TranscriptionJob.Transcribe> transcriptJob(String transcriptSid) {
        return table.get(transcriptPk(transcriptSid), TRANSCRIPT_SK)
                .flatMap(item -> Item.string(item, "job"))
                .map(json -> {
                    try {
                        if (TranscriptionJob.TYPE.read(json) instanceof TranscriptionJob.Transcribe job) {
                            return job;
                        }
                        throw new IllegalStateException("the job stored for transcript " + transcriptSid
                                + " is not a transcribe job");
                    } catch (IOException e) {
                        throw new IllegalStateException("the job stored for transcript " + transcriptSid
                                + " cannot be read", e);
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

    /** The attribute names this class writes on a recording, for documentation and tests. */
    public static final List<String> RECORDING_ATTRIBUTES = List.of("transcriptStatus", "transcriptEngine",
            "transcriptSid", "transcriptLanguage", "transcriptJsonKey", "transcriptTextKey", "transcriptExcerpt",
            "transcriptSkippedReason", "transcriptError", "transcriptUpdatedAt", "extracted");
}
