package dev.switchboard.alerts;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.switchboard.shared.alerts.AlertSettings;
import dev.switchboard.shared.alerts.LastAlerts;
import dev.switchboard.shared.alerts.ReplyTags;
import dev.switchboard.shared.config.ColdStart;
import dev.switchboard.shared.config.Lines;
import dev.switchboard.shared.config.LiveSetting;
import dev.switchboard.shared.config.Priming;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.config.Staff;
import dev.switchboard.shared.contacts.ContactProfiles;
import dev.switchboard.shared.jobs.AlertJob;
import dev.switchboard.shared.queue.JobAttempt;
import dev.switchboard.shared.queue.JobQueue;
import dev.switchboard.shared.queue.SqsClients;
import dev.switchboard.shared.queue.SqsJobHandler;
import dev.switchboard.shared.queue.WorkerQueues;
import dev.switchboard.shared.sms.OutboundTexts;
import dev.switchboard.shared.storage.DynamoDbClients;
import dev.switchboard.shared.storage.OnceOnly;
import dev.switchboard.shared.storage.Table;
import dev.switchboard.shared.storage.TranscriptRecords;
import dev.switchboard.shared.voice.CallbackUrls;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.SesV2ClientBuilder;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The alert queue's worker ({@code OwnerAlertsFunction}): each {@link AlertJob} is handed to
 * {@link OwnerAlerts}, which texts and e-mails the line's staff exactly once per event. A transient failure
 * ({@code RetryLater}) retries the job after a backoff; the texts already sent are not sent again.
 */
public class OwnerAlertsHandler extends SqsJobHandler<AlertJob> {

    private static final Logger LOG = LoggerFactory.getLogger(OwnerAlertsHandler.class);

    private final OwnerAlerts alerts;

    /** Lambda's constructor: wires everything from the process environment once per container. */
    public OwnerAlertsHandler() {
        this(System.getenv());
    }

    /** Wires the real clients from {@code environment} (the local stack hands each function its own). */
    public OwnerAlertsHandler(Map<String, String> environment) {
        this(ColdStart.wire("OwnerAlertsFunction", () -> Wiring.from(Settings.fromEnvironment(environment))));
        Priming.register(this, SQSEvent.class, "owner-alerts-text.json"); // SnapStart: answered before the snapshot
    }

    private OwnerAlertsHandler(Wiring wiring) {
        this(wiring.queues(), wiring.alerts());
    }

    /** With the service given (tests: in memory). */
    public OwnerAlertsHandler(WorkerQueues queues, OwnerAlerts alerts) {
        super(AlertJob.TYPE, queues);
        this.alerts = alerts;
    }

    @Override
    protected void process(AlertJob job, JobAttempt attempt) {
        OwnerAlerts.Outcome outcome = alerts.handle(job);
        LOG.info("Alert job {} ({}), attempt {}: {} texts {}, e-mails sent {}, queued {}", job.eventKey()
                .replaceAll(":[^:]*@.*$", ":<address>"), job.kind(), attempt.attempt(), outcome.status(),
                outcome.texts(), outcome.emailsSent(), outcome.emailsQueued());
    }

    /** The real clients, built once per container. */
    private record Wiring(WorkerQueues queues, OwnerAlerts alerts) {

        static Wiring from(Settings settings) {
            Clock clock = settings.clock();
            SqsClient sqs = SqsClients.create(settings.aws(), Duration.ofSeconds(5));
            WorkerQueues queues = WorkerQueues.fromSettings(settings, sqs, Duration.ofSeconds(20), Duration.ofMinutes(15));
            Table table = new Table(DynamoDbClients.create(settings.aws(), Duration.ofSeconds(5)),
                    settings.required("TABLE_NAME"));
            Lines lines = Lines.load(settings);
            LiveSetting<AlertSettings> alertSettings = AlertSettings.load(settings, lines);
            Staff staff = Staff.load(settings, lines);
            Predicate<String> isStaff = staff::isStaff;
            OutboundTexts texts = OutboundTexts.fromSettings(settings, table, sqs,
                    number -> lines.isBusinessNumber(number) || isStaff.test(number), clock);
            String publicBaseUrl = settings.baseUrl("PUBLIC_BASE_URL");
            Optional<String> sesEndpoint = settings.optionalBaseUrl("SES_ENDPOINT_URL");
            EmailSender emails = new LazyEmailSender(() -> {
                SesV2ClientBuilder builder = SesV2Client.builder();
                sesEndpoint.map(URI::create).ifPresent(builder::endpointOverride);
                return new SesEmailSender(settings.aws().configure(builder, Duration.ofSeconds(10)).build());
            });
            JobQueue queue = new JobQueue(sqs, settings.required("QUEUE_URL"));
            OwnerAlerts alerts = new OwnerAlerts(lines, alertSettings::get, isStaff,
                    AlertStore.of(new ReplyTags(table), new LastAlerts(table), new ContactProfiles(table),
                            new TranscriptRecords(table)),
                    texts, emails, new OnceOnly(table, clock), queue::send, publicBaseUrl,
                    new CallbackUrls(publicBaseUrl).smsStatus(), settings.optional("TWILIO_MESSAGING_SERVICE_SID"), clock);
            return new Wiring(queues, alerts);
        }
    }
}
