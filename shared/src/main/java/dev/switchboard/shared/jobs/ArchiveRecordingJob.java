package dev.switchboard.shared.jobs;

import dev.switchboard.shared.queue.Job;

/**
 * Put on the archive queue by {@code /twilio/voice/recording} when a recording is completed; the archive
 * worker streams it into S3.
 *
 * @param recordingUrl  Twilio's RecordingUrl (without extension)
 * @param kind          {@code call} (the forwarded conversation) or {@code voicemail}
 * @param requestedAt   ISO-8601 instant the callback arrived
 */
public record ArchiveRecordingJob(
        String callSid,
        String recordingSid,
        String recordingUrl,
        Integer durationSeconds,
        Integer channels,
        String source,
        String accountSid,
        String recordingStartTime,
        String kind,
        String from,
        String to,
        String line,
        String requestedAt) implements Job {

    @Override
    public void validate() {
        Job.requireText(callSid, "callSid");
        Job.requireText(recordingSid, "recordingSid");
        Job.requireText(recordingUrl, "recordingUrl");
        Job.require(recordingUrl.startsWith("https://") || recordingUrl.startsWith("http://"),
                "recordingUrl is not an http(s) URL");
    }
}
