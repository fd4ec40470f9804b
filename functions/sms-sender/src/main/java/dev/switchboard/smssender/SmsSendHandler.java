package dev.switchboard.smssender;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.switchboard.shared.config.ColdStart;
import dev.switchboard.shared.config.Lines;
import dev.switchboard.shared.config.Priming;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.config.Staff;
import dev.switchboard.shared.jobs.SmsJob;
import dev.switchboard.shared.logging.PhoneMask;
import dev.switchboard.shared.queue.JobAttempt;
import dev.switchboard.shared.queue.SqsClients;
import dev.switchboard.shared.queue.SqsJobHandler;
import dev.switchboard.shared.queue.WorkerQueues;
import dev.switchboard.shared.sms.OutboundTexts;
import dev.switchboard.shared.sms.SendResult;
import dev.switchboard.shared.storage.DynamoDbClients;
import dev.switchboard.shared.storage.Table;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The SMS queue's worker: sends the texts whose first attempt failed for now (timeout, 5xx, 429) or could
 * not be recorded, exactly once per text key ({@link OutboundTexts#retry}): a text that may already have
 * gone out is first looked for among the recipient's recent messages. Twilio still failing means a retry
 * after a backoff ({@code RETRY_BASE_SECONDS}, {@code RETRY_MAX_SECONDS}); wrong credentials or a refused
 * text go straight to the DLQ with the reason.
 */
public class SmsSendHandler extends SqsJobHandler<SmsJob> {

    private static final Logger LOG = LoggerFactory.getLogger(SmsSendHandler.class);

    private final TextRetry texts;

    /** Lambda's constructor: wires everything from the process environment once per container. */
    public SmsSendHandler() {
        this(System.getenv());
    }

    /** Wires the real clients from {@code environment} (the local stack hands each function its own). */
    public SmsSendHandler(Map<String, String> environment) {
        this(ColdStart.wire("SmsSenderFunction", () -> Wiring.from(Settings.fromEnvironment(environment))));
        Priming.register(this, SQSEvent.class, "sms-sender-job.json"); // SnapStart: answered before the snapshot
    }

    private SmsSendHandler(Wiring wiring) {
        this(wiring.queues(), wiring.texts());
    }

    /** With the texts given (tests: in memory). */
    public SmsSendHandler(WorkerQueues queues, TextRetry texts) {
        super(SmsJob.TYPE, queues);
        this.texts = texts;
    }

    @Override
    protected void process(SmsJob job, JobAttempt attempt) {
        SendResult result = texts.retry(job);
        LOG.info("Queued text {} ({}) to {}, attempt {}: {}{}", job.key(), job.kind(), PhoneMask.mask(job.to()),
                attempt.attempt(), result.status(), result.sid().map(sid -> " " + sid).orElse(""));
    }

    /** The real clients, built once per container. */
    private record Wiring(WorkerQueues queues, TextRetry texts) {
        static Wiring from(Settings settings) {
            SqsClient sqs = SqsClients.create(settings.aws(), Duration.ofSeconds(5));
            WorkerQueues queues = WorkerQueues.fromSettings(settings, sqs, Duration.ofSeconds(20), Duration.ofMinutes(15));
            Table table = new Table(DynamoDbClients.create(settings.aws(), Duration.ofSeconds(5)),
                    settings.required("TABLE_NAME"));
            Lines lines = Lines.load(settings);
            Staff staff = Staff.load(settings, lines);
            return new Wiring(queues, OutboundTexts.fromSettings(settings, table, sqs,
                    number -> lines.isBusinessNumber(number) || staff.isStaff(number), settings.clock())::retry);
        }
    }
}
