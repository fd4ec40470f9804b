package dev.switchboard.archive;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.switchboard.archive.ArchivePlan.Format;
import dev.switchboard.shared.config.ColdStart;
import dev.switchboard.shared.config.ConfigException;
import dev.switchboard.shared.config.Priming;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.jobs.ArchiveRecordingJob;
import dev.switchboard.shared.queue.JobAttempt;
import dev.switchboard.shared.queue.JobQueue;
import dev.switchboard.shared.queue.SqsClients;
import dev.switchboard.shared.queue.SqsJobHandler;
import dev.switchboard.shared.queue.WorkerQueues;
import dev.switchboard.shared.storage.DynamoDbClients;
import dev.switchboard.shared.storage.OnceOnly;
import dev.switchboard.shared.storage.RecordingRecords;
import dev.switchboard.shared.storage.S3Clients;
import dev.switchboard.shared.storage.Table;
import dev.switchboard.shared.twilio.TwilioRestClients;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The archive queue's worker: each {@link ArchiveRecordingJob} is streamed from Twilio into S3 by
 * {@link RecordingArchiver}. A 404 from Twilio (the file is not ready yet) and other transient trouble are
 * retried with backoff through the queue; after the queue's maxReceiveCount SQS moves the job to the DLQ,
 * from where it is re-driven (docs/call-lifecycle.md). A malformed job goes straight to the DLQ.
 */
public class RecordingArchiveHandler extends SqsJobHandler<ArchiveRecordingJob> {

    private final RecordingArchiver archiver;

    /** Lambda's constructor: wires everything from the process environment once per container. */
    public RecordingArchiveHandler() {
        this(System.getenv());
    }

    /** Wires the real clients from {@code environment} (the local stack hands each function its own). */
    public RecordingArchiveHandler(Map<String, String> environment) {
        this(ColdStart.wire("RecordingArchiverFunction", () -> Wiring.from(Settings.fromEnvironment(environment))));
        Priming.register(this, SQSEvent.class, "recording-archiver-job.json"); // SnapStart: answered before the snapshot
    }

    private RecordingArchiveHandler(Wiring wiring) {
        this(wiring.queues, wiring.archiver);
    }

    public RecordingArchiveHandler(WorkerQueues queues, RecordingArchiver archiver) {
        super(ArchiveRecordingJob.TYPE, queues);
        this.archiver = archiver;
    }

    @Override
    protected void process(ArchiveRecordingJob job, JobAttempt attempt) {
        archiver.archive(job, attempt);
    }

    /** The real clients, built once per container. */
    static final class Wiring {
        final WorkerQueues queues;
        final RecordingArchiver archiver;

        private Wiring(Settings settings) {
            Clock clock = settings.clock();
            SqsClient sqs = SqsClients.create(settings.aws(), Duration.ofSeconds(10));
            queues = WorkerQueues.fromSettings(settings, sqs, Duration.ofSeconds(30), Duration.ofMinutes(15));
            Table table = new Table(DynamoDbClients.create(settings.aws(), Duration.ofSeconds(10)),
                    settings.required("TABLE_NAME"));
            String formatName = settings.orDefault("RECORDING_FORMAT", "mp3");
            Format format = Format.of(formatName).orElseThrow(() -> new ConfigException(
                    "RECORDING_FORMAT must be mp3 or wav, got '" + formatName + "'"));
            int partMiB = settings.integer("ARCHIVE_PART_SIZE_MB", 8, 5, 512);
            int readTimeout = settings.integer("MEDIA_READ_TIMEOUT_SECONDS", 60, 5, 600);
            MediaDownloader media = new MediaDownloader(MediaCredentials.fromSettings(settings),
                    URI.create(settings.optionalBaseUrl("TWILIO_API_BASE_URL").orElse("https://api.twilio.com")),
                    Duration.ofSeconds(10), Duration.ofSeconds(readTimeout), clock);
            Optional<TwilioRecordings> deleter = settings.flag("DELETE_FROM_TWILIO_AFTER_ARCHIVE", false)
                    ? Optional.of(new TwilioRecordings(TwilioRestClients.create(settings)))
                    : Optional.empty();
            archiver = new RecordingArchiver(media,
                    new S3RecordingStore(S3Clients.create(settings.aws(), Duration.ofMinutes(2)), partMiB * 1024 * 1024),
                    new RecordingRecords(table), new OnceOnly(table, clock),
                    new JobQueue(sqs, settings.required("TRANSCRIPTION_QUEUE_URL"))::send,
                    VoicemailDeadline.fromSettings(settings, sqs), deleter,
                    settings.required("RECORDINGS_BUCKET"), format, clock);
        }

        static Wiring from(Settings settings) {
            return new Wiring(settings);
        }
    }
}
