package dev.switchboard.intelligence;

import dev.switchboard.shared.jobs.TranscriptionJob;
import dev.switchboard.shared.queue.JobSender;
import dev.switchboard.shared.storage.OnceOnly.WhenUnavailable;
import dev.switchboard.shared.storage.OnceOnly;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Conversational Intelligence's notification does: a transcript that is ready becomes ONE
 * {@link TranscriptionJob.FetchTranscript} on the transcription queue (the fetch happens in the
 * transcriber). A repeat of the same transcript's webhook queues nothing more; without the table the job is
 * queued unguarded (the transcriber ignores a transcript it already stored).
 */
public final class TranscriptReadyService {

    static final String SCOPE = "intelligence-webhook";
    /** Longer than Twilio retries a webhook, and than a transcript job can wait in its queues. */
    static final Duration ONCE_FOR = Duration.ofDays(14);
    private static final Logger LOG = LoggerFactory.getLogger(TranscriptReadyService.class);

    /** What became of a notification. */
    public enum Result {
        /** The fetch is on the transcription queue. */
        QUEUED,
        /** The same transcript was queued before (a repeated webhook). */
        ALREADY_QUEUED,
        /** An event that needs no fetch. */
        IGNORED,
        /** The queue could not be reached: Twilio should retry (503). */
        NOT_QUEUED
    }

    private final OnceOnly once;
    private final JobSender<TranscriptionJob> transcriptionQueue;
    private final Clock clock;

    public TranscriptReadyService(OnceOnly once, JobSender<TranscriptionJob> transcriptionQueue, Clock clock) {
        this.once = once;
        this.transcriptionQueue = transcriptionQueue;
        this.clock = clock;
    }

    public Result notified(TranscriptNotification notification) {
        String sid = notification.transcriptSid();
        if (!notification.transcriptAvailable()) {
            LOG.info("Intelligence event {} for transcript {} needs nothing", notification.eventType().orElse(""), sid);
            return Result.IGNORED;
        }
        TranscriptionJob job = new TranscriptionJob.FetchTranscript(sid, notification.callSid().orElse(null),
                clock.instant().toString());
        try {
            if (once.once(SCOPE, sid, ONCE_FOR, WhenUnavailable.ACT_UNGUARDED, () -> transcriptionQueue.send(job))
                    == OnceOnly.Outcome.ALREADY_DONE) {
                LOG.info("Transcript {} was already queued; repeated webhook ignored", sid);
                return Result.ALREADY_QUEUED;
            }
        } catch (RuntimeException e) {
            LOG.error("Transcript {} is ready but its fetch could not be queued; answering 503 so Twilio retries: {}",
                    sid, e.getMessage());
            return Result.NOT_QUEUED;
        }
        LOG.info("Transcript {} of call {} is ready; fetch queued", sid, notification.callSid().orElse("unknown"));
        return Result.QUEUED;
    }
}
