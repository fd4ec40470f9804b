package dev.switchboard.transcription.engine;

import dev.switchboard.shared.jobs.TranscriptionJob;

/**
 * The archived recording an engine transcribes.
 *
 * @param deletedFromTwilio the recording is gone from Twilio: Intelligence must fetch it from S3
 * @param kind              {@code call} or {@code voicemail}
 * @param from              the caller (E.164), for the Intelligence participant
 * @param line              the business number that was called
 */
public record RecordingAudio(String callSid, String recordingSid, String bucket, String key, String contentType,
                             Long sizeBytes, Integer channels, Integer durationSeconds, boolean deletedFromTwilio,
                             String kind, String from, String line) {

    public static RecordingAudio of(TranscriptionJob.Transcribe job) {
        return new RecordingAudio(job.callSid(), job.recordingSid(), job.bucket(), job.key(), job.contentType(),
                job.sizeBytes(), job.channels(), job.durationSeconds(), Boolean.TRUE.equals(job.deletedFromTwilio()),
                job.recordingKind(), job.from(), job.businessLine());
    }

    /** A dual-channel recording of a conversation (caller and business on their own channels). */
    public boolean dualChannel() {
        return channels != null && channels == 2 && !"voicemail".equals(kind);
    }
}
