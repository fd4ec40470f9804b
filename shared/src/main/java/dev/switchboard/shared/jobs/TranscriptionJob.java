package dev.switchboard.shared.jobs;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.shared.queue.Job;
import dev.switchboard.shared.queue.JobType;
import java.util.Map;

/**
 * A job on the transcription queue, told apart on the wire by {@code kind}:
 * <ul>
 *   <li>{@link Transcribe} ({@code transcribe}): an archived recording to transcribe, from the archive
 *       worker (once per recording);</li>
 *   <li>{@link FetchTranscript} ({@code fetch-transcript}): a Conversational Intelligence transcript is
 *       ready, from its webhook.</li>
 * </ul>
 * Jobs queued before this shape named the kind {@code type} and carried every field of both kinds;
 * {@link #TYPE} still reads them.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = TranscriptionJob.Transcribe.class, name = TranscriptionJob.TRANSCRIBE),
        @JsonSubTypes.Type(value = TranscriptionJob.FetchTranscript.class, name = TranscriptionJob.FETCH_TRANSCRIPT)})
public sealed interface TranscriptionJob extends Job
        permits TranscriptionJob.Transcribe, TranscriptionJob.FetchTranscript {

    String TRANSCRIBE = "transcribe";
    String FETCH_TRANSCRIPT = "fetch-transcript";

    /** Reads the current shape, and the older one whose kind was called {@code type}. */
    JobType<TranscriptionJob> TYPE = new JobType<>(TranscriptionJob.class, TranscriptionJob::upgrade);

    @JsonIgnore
    String kind();

    /** ISO-8601 instant the job was queued. */
    String requestedAt();

    private static ObjectNode upgrade(ObjectNode job) {
        JsonNode legacyKind = job.get("type");
        if (!job.has("kind") && legacyKind != null) {
            job.set("kind", legacyKind);
            job.remove("type");
        }
        return job;
    }

    /**
     * An archived recording to transcribe.
     *
     * @param bucket            S3 bucket holding the archived audio
     * @param key               S3 key of the archived audio
     * @param deletedFromTwilio true when the recording was deleted from Twilio after archiving (Intelligence
     *                          then needs a presigned {@code media_url})
     * @param from              the caller
     * @param to                the number that was called
     * @param line              the business line the call came in on; {@code to} stands in for it when null
     * @param recordingKind     {@code call} (the forwarded conversation) or {@code voicemail}
     */
    record Transcribe(String callSid, String recordingSid, String bucket, String key, String contentType,
                      Long sizeBytes, Integer channels, Integer durationSeconds, Boolean deletedFromTwilio,
                      String from, String to, String line, String recordingKind, String requestedAt)
            implements TranscriptionJob {

        @Override
        public String kind() {
            return TRANSCRIBE;
        }

        /** The business line: {@code line}, else the number that was called. */
        public String businessLine() {
            return line != null ? line : to;
        }

        /** The same job with the caller, called number and line filled in where it has none. */
        public Transcribe withCall(String callFrom, String callTo, String callLine) {
            return new Transcribe(callSid, recordingSid, bucket, key, contentType, sizeBytes, channels,
                    durationSeconds, deletedFromTwilio, from != null ? from : callFrom, to != null ? to : callTo,
                    line != null ? line : callLine, recordingKind, requestedAt);
        }

        @Override
        public void validate() {
            Job.requireText(callSid, "callSid");
            Job.requireText(recordingSid, "recordingSid");
            Job.requireText(bucket, "bucket");
            Job.requireText(key, "key");
        }

        @Override
        public Map<String, String> logFields() {
            return Job.fields("callSid", callSid, "recordingSid", recordingSid);
        }
    }

    /**
     * A Conversational Intelligence transcript is ready to be fetched.
     *
     * @param transcriptSid the transcript (GT...)
     * @param callSid       the call it belongs to, when its webhook said ({@code customer_key}); null otherwise
     */
    record FetchTranscript(String transcriptSid, String callSid, String requestedAt) implements TranscriptionJob {

        @Override
        public String kind() {
            return FETCH_TRANSCRIPT;
        }

        @Override
        public void validate() {
            Job.requireText(transcriptSid, "transcriptSid");
        }

        @Override
        public Map<String, String> logFields() {
            return Job.fields("callSid", callSid, "transcriptSid", transcriptSid);
        }
    }
}
