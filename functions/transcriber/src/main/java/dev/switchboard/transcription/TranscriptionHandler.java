package dev.switchboard.transcription;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.switchboard.shared.config.ColdStart;
import dev.switchboard.shared.config.Priming;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.jobs.TranscriptionJob;
import dev.switchboard.shared.queue.JobAttempt;
import dev.switchboard.shared.queue.SqsJobHandler;
import dev.switchboard.shared.queue.WorkerQueues;
import java.util.Map;

/**
 * The transcription queue's worker: {@code transcribe} jobs from the archive worker, {@code fetch-transcript}
 * jobs from the Conversational Intelligence webhook. Everything else is in {@link TranscriptionWorker};
 * retries, partial batch failures and the dead-letter queue are {@link SqsJobHandler}'s.
 */
public class TranscriptionHandler extends SqsJobHandler<TranscriptionJob> {

    private final TranscriptionWorker worker;

    /** Lambda's constructor: wires everything from the process environment once per container. */
    public TranscriptionHandler() {
        this(System.getenv());
    }

    /** Wires the real clients from {@code environment} (the local stack hands each function its own). */
    public TranscriptionHandler(Map<String, String> environment) {
        this(ColdStart.wire("TranscriberFunction", () -> TranscriberWiring.from(Settings.fromEnvironment(environment))));
        Priming.register(this, SQSEvent.class, "transcriber-transcribe.json"); // SnapStart: answered before the snapshot
    }

    private TranscriptionHandler(TranscriberWiring wiring) {
        this(wiring.queues(), wiring.worker());
    }

    public TranscriptionHandler(WorkerQueues queues, TranscriptionWorker worker) {
        super(TranscriptionJob.TYPE, queues);
        this.worker = worker;
    }

    @Override
    protected void process(TranscriptionJob job, JobAttempt attempt) {
        if (job instanceof TranscriptionJob.FetchTranscript fetch) {
            worker.fetchTranscript(fetch);
        } else {
            worker.transcribe((TranscriptionJob.Transcribe) job);
        }
    }
}
