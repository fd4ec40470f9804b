package dev.switchboard.callstatus;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.switchboard.shared.calls.OutboundMissedCallTexts;
import dev.switchboard.shared.activity.ActivityIndex;
import dev.switchboard.shared.config.ColdStart;
import dev.switchboard.shared.config.Lines;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.config.Staff;
import dev.switchboard.shared.http.FormParameters;
import dev.switchboard.shared.http.HttpRequest;
import dev.switchboard.shared.http.HttpResponses;
import dev.switchboard.shared.queue.JobQueue;
import dev.switchboard.shared.queue.SqsClients;
import dev.switchboard.shared.storage.CallRecords;
import dev.switchboard.shared.storage.DynamoDbClients;
import dev.switchboard.shared.storage.OnceOnly;
import dev.switchboard.shared.storage.Table;
import dev.switchboard.shared.twilio.TwilioWebhook;
import dev.switchboard.shared.twilio.TwilioWebhookHandler;
import dev.switchboard.shared.voice.CallbackUrls;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@code POST /twilio/voice/status}: a call's status callback, checked and read ({@link StatusCallback}) and
 * handed to {@link CallStatusService}. 200 when handled, 503 when the status could not be recorded (so the
 * alarm on 5xx sees a table outage).
 */
public class CallStatusHandler extends TwilioWebhookHandler {

    private final CallStatusService service;

    /** Lambda's constructor: wires everything from the process environment once per container. */
    public CallStatusHandler() {
        this(System.getenv());
    }

    /** Wires the real clients from {@code environment} (the local stack hands each function its own). */
    public CallStatusHandler(Map<String, String> environment) {
        this(ColdStart.wire("CallStatusFunction", () -> Wiring.from(Settings.fromEnvironment(environment))));
        primeWith("call-status-completed.json"); // SnapStart: answered before the snapshot (shared/config/Priming)
    }

    private CallStatusHandler(Wiring wiring) {
        this(wiring.webhook(), wiring.service());
    }

    public CallStatusHandler(TwilioWebhook webhook, CallStatusService service) {
        super(webhook);
        this.service = service;
    }

    @Override
    protected APIGatewayV2HTTPResponse answer(HttpRequest request, FormParameters params) {
        return switch (service.statusChanged(StatusCallback.parse(params))) {
            case NOT_RECORDED -> HttpResponses.text(503, "Status could not be recorded");
            case RECORDED, STALE -> HttpResponses.text(200, "OK");
        };
    }


    /** The real clients, built once per container. */
    private record Wiring(TwilioWebhook webhook, CallStatusService service) {

        static Wiring from(Settings settings) {
            Clock clock = settings.clock();
            TwilioWebhook webhook = TwilioWebhook.fromSettings(settings);
            Lines lines = Lines.load(settings);
            Table table = new Table(DynamoDbClients.create(settings.aws(), Duration.ofSeconds(3)),
                    settings.required("TABLE_NAME"));
            SqsClient sqs = SqsClients.create(settings.aws(), Duration.ofSeconds(3));
            JobQueue crmQueue = new JobQueue(sqs, settings.required("CRM_QUEUE_URL"));
            Staff staff = Staff.load(settings, lines);
            JobQueue alertQueue = new JobQueue(sqs, settings.required("ALERT_QUEUE_URL"));
            return new Wiring(webhook, new CallStatusService(CallStatusStore.of(new CallRecords(table), new ActivityIndex(table)), lines,
                    new OnceOnly(table, clock), crmQueue::send, OutboundMissedCallTexts.fromSettings(settings, table,
                    sqs, lines, new CallbackUrls(webhook.publicBaseUrl()), clock), clock, staff::isStaff,
                    alertQueue::send));
        }
    }
}
