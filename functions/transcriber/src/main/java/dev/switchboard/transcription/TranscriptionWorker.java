package dev.switchboard.transcription;

import dev.switchboard.shared.jobs.TranscriptionJob;
import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.logging.LogFields;
import dev.switchboard.shared.queue.PermanentJobFailure;
import dev.switchboard.shared.queue.RetryLater;
import dev.switchboard.shared.storage.CallRecord;
import dev.switchboard.shared.storage.CallRecords;
import dev.switchboard.shared.storage.Item;
import dev.switchboard.shared.storage.OnceOnly;
import dev.switchboard.shared.storage.TranscriptRecords;
import dev.switchboard.transcription.engine.EngineFailure;
import dev.switchboard.transcription.engine.EngineName;
import dev.switchboard.transcription.engine.EnginePlan;
import dev.switchboard.transcription.engine.EngineResult;
import dev.switchboard.transcription.engine.IntelligenceTranscripts;
import dev.switchboard.transcription.engine.RecordingAudio;
import dev.switchboard.transcription.engine.TranscriptionEngine;
import dev.switchboard.transcription.extract.ExtractedField;
import dev.switchboard.transcription.extract.Extraction;
import dev.switchboard.transcription.extract.LeadExtractor;
import dev.switchboard.transcription.extract.Utterance;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Turns an archived recording into a stored transcript and a CRM lead.
 *
 * <ul>
 *   <li>{@code transcribe} (from the archive worker): the engines of {@code TRANSCRIBER} are tried in order.
 *       Whisper answers at once; Intelligence accepts the recording and its webhook later queues
 *       {@code fetch-transcript}. An engine that cannot take the recording, or refuses it for good, hands
 *       over to the next; when none is left the recording is marked skipped (nothing could take it: the call
 *       still goes to the CRM) or failed (the job goes to the dead-letter queue).</li>
 *   <li>{@code fetch-transcript} (from {@code /twilio/intelligence}): the finished transcript and all its
 *       sentences are read and stored.</li>
 * </ul>
 * A recording already completed or skipped is left alone, so a duplicate job neither stores twice nor
 * queues a second CRM job; two deliveries of one recording never work at the same time.
 */
public final class TranscriptionWorker {

    private static final Logger LOG = LoggerFactory.getLogger(TranscriptionWorker.class);
    static final String LEASE_SCOPE = "transcribing";
    /** Longer than the function's 300 s timeout: a crashed delivery's lease lapses before the retries end. */
    static final Duration LEASE = Duration.ofMinutes(6);

    private final EnginePlan plan;
    private final Map<EngineName, TranscriptionEngine> engines;
    private final Optional<IntelligenceTranscripts> intelligence;
    private final TranscriptRecords records;
    private final CallRecords calls;
    private final RecordingBucket bucket;
    private final String transcriptBucket;
    private final Supplier<LeadExtractor> extractor;
    private final LeadHandoff handoff;
    private final OnceOnly once;
    private final Clock clock;

    /**
     * @param engines          one per engine the plan names (except none)
     * @param intelligence     present when Conversational Intelligence is configured ({@code fetch-transcript})
     * @param transcriptBucket where transcripts are written (the recordings bucket)
     * @param extractor        the extractor over the price table in use now ({@link CallPricing})
     */
    public TranscriptionWorker(EnginePlan plan, Map<EngineName, TranscriptionEngine> engines,
                               Optional<IntelligenceTranscripts> intelligence, TranscriptRecords records,
                               CallRecords calls, RecordingBucket bucket, String transcriptBucket,
                               Supplier<LeadExtractor> extractor, LeadHandoff handoff, OnceOnly once, Clock clock) {
        for (EngineName name : plan.engines()) {
            if (name != EngineName.NONE && !engines.containsKey(name)) {
                throw new IllegalArgumentException("no engine for " + name.id());
            }
        }
        this.plan = plan;
        this.engines = Map.copyOf(engines);
        this.intelligence = intelligence;
        this.records = records;
        this.calls = calls;
        this.bucket = bucket;
        this.transcriptBucket = transcriptBucket;
        this.extractor = extractor;
        this.handoff = handoff;
        this.once = once;
        this.clock = clock;
    }

    /** A {@code transcribe} job: an archived recording. */
    public void transcribe(TranscriptionJob.Transcribe job) {
        withLease(job.recordingSid(), () -> {
            Optional<TranscriptRecords.State> state = records.state(job.recordingSid());
            if (state.isPresent() && state.get().finished()) {
                LOG.info("Recording {} is already {}; duplicate job ignored", job.recordingSid(), state.get().status());
                return;
            }
            if (state.isPresent() && TranscriptRecords.PENDING.equals(state.get().status())
                    && state.get().transcriptSid().isPresent()) {
                LOG.info("Recording {} was already sent to {} (transcript {}); duplicate job ignored", job.recordingSid(),
                        state.get().engine().orElse("an engine"), state.get().transcriptSid().get());
                return;
            }
            run(withCallDetails(job), plan.engines(), new ArrayList<>(), new ArrayList<>());
        });
    }

    /** A {@code fetch-transcript} job: Conversational Intelligence says a transcript is ready. */
    public void fetchTranscript(TranscriptionJob.FetchTranscript job) {
        String sid = job.transcriptSid();
        IntelligenceTranscripts api = intelligence.orElseThrow(() -> new PermanentJobFailure("transcript " + sid
                + " is ready but Conversational Intelligence is not configured here (set CI_SERVICE_SID and"
                + " TRANSCRIBER); re-drive the job once it is"));
        Optional<TranscriptionJob.Transcribe> known = records.transcriptJob(sid);
        if (known.isPresent()) {
            TranscriptionJob.Transcribe call = withCallDetails(known.get());
            LogFields.putAll(call.logFields());
            withLease(call.recordingSid(), () -> fetchAndStore(api, sid, call, null));
            return;
        }
        IntelligenceTranscripts.Fetched fetched;
        try {
            fetched = api.fetch(sid);
        } catch (EngineFailure e) {
            throw new PermanentJobFailure(e.getMessage());
        }
        TranscriptionJob.Transcribe call = fromTranscript(fetched, job);
        LogFields.putAll(call.logFields());
        withLease(call.recordingSid(), () -> fetchAndStore(api, sid, call, fetched));
    }

    /** Reads the transcript (unless already read) and its sentences, and stores them; else hands over. */
    private void fetchAndStore(IntelligenceTranscripts api, String sid, TranscriptionJob.Transcribe call,
                               IntelligenceTranscripts.Fetched prefetched) {
        if (finished(call.recordingSid())) {
            LOG.info("Recording {} is already transcribed; transcript {} ignored", call.recordingSid(), sid);
            return;
        }
        IntelligenceTranscripts.Fetched fetched = prefetched;
        List<TranscriptSentence> sentences;
        try {
            if (fetched == null) {
                fetched = api.fetch(sid);
            }
            if (fetched.ended()) {
                handOver(call, "transcript " + sid + " ended with status " + fetched.status());
                return;
            }
            if (!fetched.completed()) {
                throw new RetryLater("transcript " + sid + " is still " + fetched.status());
            }
            sentences = api.sentences(sid);
        } catch (EngineFailure e) {
            handOver(call, e.getMessage());
            return;
        }
        store(call, new Transcript(EngineName.TWILIO_INTELLIGENCE.id(), fetched.languageCode(), Optional.of(sid),
                sentences));
    }

    /** Intelligence failed for good on this recording: the engines after it in the list take over. */
    private void handOver(TranscriptionJob.Transcribe call, String reason) {
        LOG.warn("Conversational Intelligence could not transcribe recording {} (call {}): {}", call.recordingSid(),
                call.callSid(), reason);
        run(call, plan.after(EngineName.TWILIO_INTELLIGENCE),
                new ArrayList<>(List.of(EngineName.TWILIO_INTELLIGENCE.id() + ": " + reason)), new ArrayList<>());
    }

    /** Tries {@code names} in order; the first that completes or accepts the recording ends the run. */
    private void run(TranscriptionJob.Transcribe job, List<EngineName> names, List<String> failures, List<String> cannot) {
        RecordingAudio audio = RecordingAudio.of(job);
        for (EngineName name : names) {
            if (name == EngineName.NONE) {
                cannot.add("transcription is turned off (TRANSCRIBER=" + plan + ")");
                break;
            }
            EngineResult result;
            try {
                result = engines.get(name).transcribe(audio);
            } catch (EngineFailure e) {
                LOG.warn("{} failed for recording {} (call {}): {}", name.id(), job.recordingSid(), job.callSid(),
                        e.getMessage());
                failures.add(name.id() + ": " + e.getMessage());
                continue;
            }
            if (result instanceof EngineResult.Submitted submitted) {
                Instant now = clock.instant();
                records.rememberTranscript(submitted.transcriptSid(), job, now);
                boolean marked = records.markPending(job.recordingSid(), job.callSid(), name.id(),
                        Optional.of(submitted.transcriptSid()), now);
                LOG.info("Recording {} (call {}) sent to {}: transcript {}{}", job.recordingSid(), job.callSid(),
                        name.id(), submitted.transcriptSid(), marked ? "" : " (the recording was completed meanwhile)");
                return;
            }
            if (result instanceof EngineResult.Completed completed) {
                store(job, completed.transcript());
                return;
            }
            String reason = ((EngineResult.CannotTake) result).reason();
            LOG.info("{} cannot take recording {}: {}", name.id(), job.recordingSid(), reason);
            cannot.add(name.id() + ": " + reason);
        }
        if (!failures.isEmpty()) {
            List<String> all = new ArrayList<>(failures);
            all.addAll(cannot);
            String reason = String.join("; ", all);
            handoff.failed(job, occurredAt(job));
            records.markFailed(job.recordingSid(), job.callSid(), Optional.empty(), reason, clock.instant());
            throw new PermanentJobFailure("no engine could transcribe recording " + job.recordingSid() + " (call "
                    + job.callSid() + "): " + reason);
        }
        String reason = cannot.isEmpty() ? "no transcription engine is configured" : String.join("; ", cannot);
        handoff.send(job, Optional.empty(), Extraction.empty(), occurredAt(job));
        records.markSkipped(job.recordingSid(), job.callSid(), Optional.empty(), reason, clock.instant());
        LOG.info("Recording {} (call {}) not transcribed: {}", job.recordingSid(), job.callSid(), reason);
    }

    /** Stores the transcript (JSON and text), hands the lead to the CRM, then marks the recording completed. */
    void store(TranscriptionJob.Transcribe job, Transcript raw) {
        List<TranscriptSentence> sentences = SpeakerRoles.assign(raw.sentences(), job.channels(), job.recordingKind());
        String text = TranscriptRenderer.text(sentences);
        String excerpt = TranscriptRenderer.excerpt(text);
        List<Utterance> utterances = new ArrayList<>();
        sentences.forEach(s -> utterances.add(new Utterance(s.speaker(), s.text())));
        Extraction extraction = extractor.get().extract(utterances, LeadExtractor.areaCodeOf(job.businessLine()));
        Map<String, TranscriptRecords.Evidence> evidence = new LinkedHashMap<>();
        extraction.asMap().forEach((field, found) -> evidence.put(field, evidence(found)));

        Instant now = clock.instant();
        TranscriptKeys keys = TranscriptKeys.of(job.callSid(), job.recordingSid(), job.key(), requestedAt(job).orElse(now));
        TranscriptDocument document = new TranscriptDocument(TranscriptDocument.VERSION, job.callSid(), job.recordingSid(),
                job.recordingKind(), job.channels(), raw.engine(), raw.language().orElse(null),
                raw.transcriptSid().orElse(null), now.toString(),
                sentences.stream().map(TranscriptDocument.Sentence::of).toList(), text, evidence);
        String target = transcriptBucket != null ? transcriptBucket : job.bucket();
        bucket.putText(target, keys.json(), Json.write(document), "application/json");
        bucket.putText(target, keys.text(), text, "text/plain");

        handoff.send(job, Optional.of(excerpt), Optional.of(text), extraction, occurredAt(job));
        records.markCompleted(new TranscriptRecords.Completed(job.recordingSid(), job.callSid(), raw.engine(),
                raw.transcriptSid(), raw.language(), keys.json(), keys.text(), excerpt, evidence), now);
        LOG.info("Transcript of recording {} (call {}) stored at {}: {} sentences by {}, language {}; found {}",
                job.recordingSid(), job.callSid(), keys.text(), sentences.size(), raw.engine(),
                raw.language().orElse("unknown"), evidence.isEmpty() ? "nothing" : String.join(", ", evidence.keySet()));
    }

    private static TranscriptRecords.Evidence evidence(ExtractedField field) {
        return new TranscriptRecords.Evidence(field.value(), field.sentence());
    }

    private boolean finished(String recordingSid) {
        return records.state(recordingSid).map(TranscriptRecords.State::finished).orElse(false);
    }

    /**
     * The recording behind a transcript Switchboard has no record of asking for (its webhook came before
     * the record was written, or the service transcribes calls by itself): the transcript's source recording
     * and customer key, completed from the recording and call items.
     */
    private TranscriptionJob.Transcribe fromTranscript(IntelligenceTranscripts.Fetched fetched,
                                                       TranscriptionJob.FetchTranscript job) {
        String recordingSid = fetched.sourceSid().orElseThrow(() -> new PermanentJobFailure("transcript "
                + fetched.sid() + " has no source recording and Switchboard did not create it: nothing to attach it to"));
        Map<String, AttributeValue> recording = records.recording(recordingSid).orElse(Map.of());
        String callSid = fetched.customerKey().filter(k -> k.startsWith("CA"))
                .or(() -> Optional.ofNullable(job.callSid()))
                .or(() -> Item.string(recording, "callSid"))
                .orElseThrow(() -> new PermanentJobFailure("transcript " + fetched.sid() + " of recording " + recordingSid
                        + " names no call (no customer_key, no recording item): nothing to attach it to"));
        CallRecord call = calls.find(callSid).orElse(CallRecord.unknown(callSid));
        Optional<String> key = Item.string(recording, "s3Key").or(() -> Item.string(recording, "key"));
        return new TranscriptionJob.Transcribe(callSid, recordingSid,
                Item.string(recording, "s3Bucket").or(() -> Item.string(recording, "bucket")).orElse(transcriptBucket),
                key.orElse(null), Item.string(recording, "contentType").orElse(null),
                Item.number(recording, "sizeBytes").orElse(null),
                Item.number(recording, "channels").map(Long::intValue).orElse(null),
                Item.number(recording, "durationSeconds").or(() -> Item.number(recording, "duration"))
                        .map(Long::intValue).orElse(null),
                Item.flag(recording, "deletedFromTwilio"), call.from().orElse(null), call.to().orElse(null),
                call.line().orElse(null),
                Item.string(recording, "kind").or(() -> Item.string(recording, "recordingKind")).orElse(null),
                Item.string(recording, "createdAt").orElse(null));
    }

    /** The job, with the caller, called number and line from the call record where the job lacks them. */
    private TranscriptionJob.Transcribe withCallDetails(TranscriptionJob.Transcribe job) {
        if (job.from() != null && (job.line() != null || job.to() != null)) {
            return job;
        }
        CallRecord call = calls.find(job.callSid()).orElse(CallRecord.unknown(job.callSid()));
        return job.withCall(call.from().orElse(null), call.to().orElse(null), call.line().orElse(null));
    }

    /** When the call happened: the call record's createdAt, else when the recording was queued, else now. */
    private String occurredAt(TranscriptionJob.Transcribe job) {
        try {
            Optional<String> created = calls.find(job.callSid()).flatMap(CallRecord::createdAt);
            if (created.isPresent()) {
                return created.get();
            }
        } catch (SdkException e) {
            LOG.warn("Could not read call {} for its start time: {}", job.callSid(), e.getMessage());
        }
        return requestedAt(job).orElse(clock.instant()).toString();
    }

    private static Optional<Instant> requestedAt(TranscriptionJob.Transcribe job) {
        if (job.requestedAt() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(job.requestedAt()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** One delivery per recording at a time; the lease lapses by itself if a delivery dies. */
    private void withLease(String recordingSid, Runnable work) {
        if (!once.whileHeld(LEASE_SCOPE, recordingSid, LEASE, work)) {
            throw new RetryLater("another delivery of recording " + recordingSid + " is being transcribed right now",
                    null, Duration.ofSeconds(60));
        }
    }
}
