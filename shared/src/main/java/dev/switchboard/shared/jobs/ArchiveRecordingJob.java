package dev.switchboard.shared.jobs;

import dev.switchboard.shared.http.HttpUrls;
import dev.switchboard.shared.queue.Job;
import dev.switchboard.shared.queue.JobType;
import java.util.Map;

/**
 * Put on the archive queue by {@code /twilio/voice/recording} when a recording is completed; the archive
 * worker streams it into S3.
 *
 * @param recordingUrl  Twilio's RecordingUrl (without extension)
 * @param kind          {@code call} (the forwarded conversation) or {@code voicemail}
 * @param from          the caller, from the call record (null when it could not be read)
 * @param to            the number that was called, from the call record
 * @param line          the business line the call came in on (for an inbound call, the number called)
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

    public static final JobType<ArchiveRecordingJob> TYPE = JobType.of(ArchiveRecordingJob.class);

    @Override
    public void validate() {
        Job.requireText(callSid, "callSid");
        Job.requireText(recordingSid, "recordingSid");
        Job.requireText(recordingUrl, "recordingUrl");
        Job.require(HttpUrls.isAbsolute(recordingUrl), "recordingUrl is not an http(s) URL");
    }

    @Override
    public Map<String, String> logFields() {
        return Job.fields("callSid", callSid, "recordingSid", recordingSid);
    }
}
