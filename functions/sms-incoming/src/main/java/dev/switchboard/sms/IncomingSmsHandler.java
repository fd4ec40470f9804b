package dev.switchboard.sms;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.twilio.twiml.MessagingResponse;
import com.twilio.twiml.messaging.Body;
import com.twilio.twiml.messaging.Message;
import dev.switchboard.shared.alerts.LastAlerts;
import dev.switchboard.shared.alerts.ReplyTags;
import dev.switchboard.shared.config.ColdStart;
import dev.switchboard.shared.config.Lines;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.config.Staff;
import dev.switchboard.shared.http.FormParameters;
import dev.switchboard.shared.http.HttpRequest;
import dev.switchboard.shared.http.HttpResponses;
import dev.switchboard.shared.appointments.Appointments;
import dev.switchboard.shared.queue.JobQueue;
import dev.switchboard.shared.queue.SqsClients;
import dev.switchboard.shared.sms.MessageRecords;
import dev.switchboard.shared.sms.OutboundTexts;
import dev.switchboard.shared.storage.DynamoDbClients;
import dev.switchboard.shared.storage.OptOuts;
import dev.switchboard.shared.storage.Table;
import dev.switchboard.shared.twilio.TwilioWebhook;
import dev.switchboard.shared.twilio.TwilioWebhookHandler;
import dev.switchboard.shared.voice.CallbackUrls;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@code POST /twilio/sms}: a text to one of the business's numbers, checked and read ({@link IncomingText})
 * and handed to {@link IncomingSmsService}; answered with TwiML: the help text for HELP, an empty
 * {@code <Response/>} otherwise.
 */
public class IncomingSmsHandler extends TwilioWebhookHandler {

    private final IncomingSmsService service;

    /** Lambda's constructor: wires everything from the process environment once per container. */
    public IncomingSmsHandler() {
        this(System.getenv());
    }

    /** Wires the real clients from {@code environment} (the local stack hands each function its own). */
    public IncomingSmsHandler(Map<String, String> environment) {
        this(ColdStart.wire("SmsIncomingFunction", () -> Wiring.from(Settings.fromEnvironment(environment))));
        primeWith("sms-incoming-message.json"); // SnapStart: answered before the snapshot (shared/config/Priming)
    }

    private IncomingSmsHandler(Wiring wiring) {
        this(wiring.webhook(), wiring.service());
    }

    public IncomingSmsHandler(TwilioWebhook webhook, IncomingSmsService service) {
        super(webhook);
        this.service = service;
    }

    @Override
    protected APIGatewayV2HTTPResponse answer(HttpRequest request, FormParameters params) {
        MessagingResponse.Builder answer = new MessagingResponse.Builder();
        if (service.received(IncomingText.parse(params)) instanceof IncomingSmsService.Reply.Text reply) {
            answer.message(new Message.Builder().body(new Body.Builder(reply.body()).build()).build());
        }
        return HttpResponses.xml(answer.build().toXml());
    }


    /** The real clients, built once per container. */
    private record Wiring(TwilioWebhook webhook, IncomingSmsService service) {

        static Wiring from(Settings settings) {
            Clock clock = settings.clock();
            TwilioWebhook webhook = TwilioWebhook.fromSettings(settings);
            Lines lines = Lines.load(settings);
            Table table = new Table(DynamoDbClients.create(settings.aws(), Duration.ofSeconds(3)),
                    settings.required("TABLE_NAME"));
            Staff staff = Staff.load(settings, lines);
            SqsClient sqs = SqsClients.create(settings.aws(), Duration.ofSeconds(3));
            OutboundTexts texts = OutboundTexts.fromSettings(settings, table, sqs,
                    number -> lines.isBusinessNumber(number) || staff.isStaff(number), clock);
            JobQueue alerts = new JobQueue(sqs, settings.required("ALERT_QUEUE_URL"));
            OwnerNotice owner = OwnerNotice.queued(alerts::send);
            Optional<JobQueue> crm = settings.optional("CRM_QUEUE_URL").map(url -> new JobQueue(sqs, url));
            AppointmentReplies replies = new AppointmentReplies(AppointmentReplies.Store.of(new Appointments(table)),
                    AppointmentNotices.of(owner, crm));
            return new Wiring(webhook, new IncomingSmsService(lines,
                    IncomingSmsStore.of(MessageRecords.fromSettings(settings, table), new OptOuts(table)), texts,
                    new CallbackUrls(webhook.publicBaseUrl()).smsStatus(), clock, staff::isStaff,
                    RelayStore.of(new ReplyTags(table), new LastAlerts(table)), alerts::send, replies));
        }
    }
}
