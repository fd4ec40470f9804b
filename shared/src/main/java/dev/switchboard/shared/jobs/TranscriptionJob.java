package dev.switchboard.shared.jobs;

import dev.switchboard.shared.queue.Job;

/**
 * Put on the transcription queue by the archive worker ({@link #TRANSCRIBE}, once per archived
 * recording) and by the Conversational Intelligence webhook ({@link #FETCH_TRANSCRIPT}).
 *
 * @param bucket            S3 bucket holding the archived audio
 * @param key               S3 key of the archived audio
 * @param deletedFromTwilio true when the recording was deleted from Twilio after archiving (Intelligence
 *                          then needs a presigned {@code media_url})
 * @param transcriptSid     the Intelligence transcript (GT...) for {@link #FETCH_TRANSCRIPT}
 */
public record TranscriptionJob(
        String type,
        String callSid,
        String recordingSid,
        String bucket,
        String key,
        String contentType,
        Long sizeBytes,
        Integer channels,
        Integer durationSeconds,
        Boolean deletedFromTwilio,
        String transcriptSid,
        String from,
        String to,
        String line,
        String recordingKind,
        String requestedAt) implements Job {

    public static final String TRANSCRIBE = "transcribe";
    public static final String FETCH_TRANSCRIPT = "fetch-transcript";

    @Override
    public void validate() {
        Job.requireText(type, "type");
        if (TRANSCRIBE.equals(type)) {
            Job.requireText(callSid, "callSid");
            Job.requireText(recordingSid, "recordingSid");
            Job.requireText(bucket, "bucket");
            Job.requireText(key, "key");
        } else if (FETCH_TRANSCRIPT.equals(type)) {
            Job.requireText(transcriptSid, "transcriptSid");
        } else {
            throw new IllegalArgumentException("unknown type '" + type + "'");
        }
    }
}
