package dev.switchboard.recording;

import dev.switchboard.shared.jobs.ArchiveRecordingJob;
import dev.switchboard.shared.queue.JobSender;
import dev.switchboard.shared.storage.CallRecord;
import dev.switchboard.shared.storage.OnceOnly.WhenUnavailable;
import dev.switchboard.shared.storage.OnceOnly;
import dev.switchboard.shared.storage.RecordingRecords;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a {@code recordingStatusCallback} does. A completed recording gets its item and ONE
 * {@link ArchiveRecordingJob} on the archive queue (the download happens in the archive worker); a
 * redelivered callback queues nothing more. {@code absent} and {@code failed} are recorded on the call and
 * the recording.
 *
 * <p>When the table is down the job is queued anyway, unguarded (the archive worker dedupes): a recording
 * is never lost to a storage hiccup. When the queue is down the guard is given back, so Twilio's redelivery
 * of the callback queues it, and the ERROR line names the RecordingSid; the recording stays in Twilio (see
 * docs/call-lifecycle.md, "Recordings that were never queued").
 */
public final class RecordingStatusService {

    static final String ARCHIVE_SCOPE = "archive-job";
    static final Duration ONCE_TTL = Duration.ofDays(30);
    private static final Logger LOG = LoggerFactory.getLogger(RecordingStatusService.class);

    /** What became of a callback. */
    public enum Result {
        /** A completed recording's archive job is on the queue. */
        QUEUED,
        /** A redelivered callback: the job was queued before. */
        ALREADY_QUEUED,
        /** The archive queue could not be reached: Twilio should retry (503). */
        NOT_QUEUED,
        /** A recording without audio, recorded as such. */
        NO_AUDIO,
        /** A status that needs nothing ({@code in-progress}). */
        IGNORED
    }

    private final RecordingLog log;
    private final OnceOnly once;
    private final JobSender<ArchiveRecordingJob> archiveQueue;
    private final Clock clock;

    public RecordingStatusService(RecordingLog log, OnceOnly once, JobSender<ArchiveRecordingJob> archiveQueue,
                                  Clock clock) {
        this.log = log;
        this.once = once;
        this.archiveQueue = archiveQueue;
        this.clock = clock;
    }

    public Result recordingStatus(RecordingCallback callback) {
        Instant now = clock.instant();
        switch (callback.status()) {
            case RecordingCallback.COMPLETED:
                return completed(callback, now);
            case RecordingCallback.ABSENT:
            case RecordingCallback.FAILED:
                noAudio(callback, now);
                return Result.NO_AUDIO;
            default:
                LOG.info("Recording {} of call {}: status {} ignored", callback.recordingSid(), callback.callSid(),
                        callback.status());
                return Result.IGNORED;
        }
    }

    private Result completed(RecordingCallback callback, Instant now) {
        String sid = callback.recordingSid();
        CallRecord call = CallRecord.unknown(callback.callSid());
        boolean storageUp = true;
        try {
            call = log.call(callback.callSid()).orElse(call);
            log.announce(newRecording(callback, call), now);
            log.completedOnCall(callback.callSid(), sid, callback.kind().equals("voicemail"), now);
        } catch (RuntimeException e) {
            storageUp = false;
            LOG.warn("Recording {} of call {}: the table could not be written ({}); queueing the archive job anyway",
                    sid, callback.callSid(), e.getMessage());
        }
        ArchiveRecordingJob job = new ArchiveRecordingJob(callback.callSid(), sid, callback.recordingUrl().orElseThrow(),
                callback.durationSeconds().map(Long::intValue).orElse(null),
                callback.channels().map(Long::intValue).orElse(null), callback.source().orElse(null),
                callback.accountSid().orElse(null), callback.recordingStartTime().orElse(null), callback.kind(),
                call.from().orElse(null), call.to().orElse(null), businessLine(call).orElse(null), now.toString());
        try {
            if (!storageUp) {
                // The guard lives in the same table: asking it would only wait for another timeout.
                archiveQueue.send(job);
            } else if (once.once(ARCHIVE_SCOPE, sid, ONCE_TTL, WhenUnavailable.ACT_UNGUARDED,
                    () -> archiveQueue.send(job)) == OnceOnly.Outcome.ALREADY_DONE) {
                LOG.info("Recording {} of call {}: archive job already queued (redelivered callback)", sid,
                        callback.callSid());
                return Result.ALREADY_QUEUED;
            }
        } catch (RuntimeException e) {
            LOG.error("Recording {} of call {} could NOT be queued for archiving ({}); it stays in Twilio. Re-queue it"
                    + " (docs/call-lifecycle.md) once the archive queue is reachable", sid, callback.callSid(),
                    e.getMessage());
            return Result.NOT_QUEUED;
        }
        LOG.info("Recording {} of call {} ({}, {} s): archive job queued", sid, callback.callSid(), callback.kind(),
                callback.durationSeconds().map(String::valueOf).orElse("?"));
        return Result.QUEUED;
    }

    private void noAudio(RecordingCallback callback, Instant now) {
        LOG.info("Recording {} of call {}: {} (error {}), no audio to archive", callback.recordingSid(),
                callback.callSid(), callback.status(), callback.errorCode().orElse("-"));
        try {
            CallRecord call = log.call(callback.callSid()).orElse(CallRecord.unknown(callback.callSid()));
            log.announce(newRecording(callback, call), now);
            log.problemOnCall(callback.callSid(), callback.recordingSid(), callback.status(), callback.errorCode(), now);
        } catch (RuntimeException e) {
            LOG.error("Recording {} of call {}: its {} status could not be recorded: {}", callback.recordingSid(),
                    callback.callSid(), callback.status(), e.getMessage());
        }
    }

    private static RecordingRecords.NewRecording newRecording(RecordingCallback callback, CallRecord call) {
        boolean audio = callback.status().equals(RecordingCallback.COMPLETED);
        return new RecordingRecords.NewRecording(callback.recordingSid(), callback.callSid(),
                audio ? RecordingRecords.QUEUED : callback.status(), callback.kind(), audio, callback.recordingUrl(),
                callback.durationSeconds(), callback.channels(), callback.source(), callback.recordingStartTime(),
                callback.errorCode(), call.from(), call.to(), businessLine(call));
    }

    /** The line a recording belongs to: recordings are of inbound calls, so the line is the number that was called. */
    private static Optional<String> businessLine(CallRecord call) {
        return call.to();
    }
}
