package dev.switchboard.callstatus;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.switchboard.shared.calls.MissedCallTextPolicy.Occasion;
import dev.switchboard.shared.calls.MissedCallTexts;
import dev.switchboard.shared.config.ColdStart;
import dev.switchboard.shared.config.Line;
import dev.switchboard.shared.config.Lines;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.http.FormParameters;
import dev.switchboard.shared.http.HttpProblem;
import dev.switchboard.shared.http.HttpRequest;
import dev.switchboard.shared.http.HttpResponses;
import dev.switchboard.shared.jobs.CrmSyncJob;
import dev.switchboard.shared.logging.FunctionLogging;
import dev.switchboard.shared.logging.PhoneMask;
import dev.switchboard.shared.phone.PhoneNumbers;
import dev.switchboard.shared.queue.JobQueue;
import dev.switchboard.shared.queue.SqsClients;
import dev.switchboard.shared.storage.CallRecords;
import dev.switchboard.shared.storage.CallRecords.StatusUpdate;
import dev.switchboard.shared.storage.DynamoDbClients;
import dev.switchboard.shared.storage.Item;
import dev.switchboard.shared.storage.OnceOnly;
import dev.switchboard.shared.storage.Table;
import dev.switchboard.shared.twilio.TwilioWebhook;
import dev.switchboard.shared.voice.CallbackUrls;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@code POST /twilio/voice/status}: a call's status callback. Moves the call record forward (late and
 * out-of-order callbacks never move it back, see {@link CallRecords#applyStatus}). When the caller's own leg
 * of an inbound call reaches a final status, it puts ONE {@link CrmSyncJob} ({@code call:<CallSid>}) on the
 * CRM queue, and on lines with {@code textAfterVoicemail} sends the missed-call text if nothing else did
 * (the caller hung up before the voicemail ended).
 */
public class CallStatusHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    static final String CRM_SCOPE = "crm-call";
    private static final Duration CRM_ONCE_TTL = Duration.ofDays(30);
    private static final Logger LOG = LoggerFactory.getLogger(CallStatusHandler.class);

    private final TwilioWebhook webhook;
    private final Lines lines;
    private final CallRecords calls;
    private final OnceOnly once;
    private final JobQueue crmQueue;
    private final MissedCallTexts texts;
    private final Clock clock;

    /** Lambda's constructor: wires everything from the process environment once per container. */
    public CallStatusHandler() {
        this(System.getenv());
    }

    /** Wires the real clients from {@code environment} (the local stack hands each function its own). */
    public CallStatusHandler(Map<String, String> environment) {
        this(ColdStart.wire("CallStatusFunction", () -> Wiring.from(Settings.fromEnvironment(environment))));
    }

    private CallStatusHandler(Wiring wiring) {
        this(wiring.webhook, wiring.lines, wiring.calls, wiring.once, wiring.crmQueue, wiring.texts, wiring.clock);
    }

    public CallStatusHandler(TwilioWebhook webhook, Lines lines, CallRecords calls, OnceOnly once, JobQueue crmQueue,
                             MissedCallTexts texts, Clock clock) {
        this.webhook = webhook;
        this.lines = lines;
        this.calls = calls;
        this.once = once;
        this.crmQueue = crmQueue;
        this.texts = texts;
        this.clock = clock;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return FunctionLogging.around(context, () -> handle(event));
    }

    APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        StatusUpdate update;
        try {
            FormParameters params = webhook.accept(HttpRequest.from(event));
            update = StatusCallback.parse(params);
        } catch (HttpProblem problem) {
            return problem.toResponse();
        }
        Instant now = clock.instant();
        if (!StatusCallback.KNOWN.contains(update.status())) {
            LOG.warn("Call {}: undocumented CallStatus '{}', recorded as a non-final status", update.callSid(),
                    update.status());
        }
        boolean applied;
        try {
            applied = calls.applyStatus(update, now);
        } catch (RuntimeException e) {
            LOG.error("Call {}: status {} (sequence {}) could not be recorded: {}", update.callSid(), update.status(),
                    update.sequenceNumber().map(String::valueOf).orElse("-"), e.getMessage());
            return HttpResponses.text(503, "Status could not be recorded");
        }
        LOG.info("Call {} status {} (sequence {}, {} s){}", update.callSid(), update.status(),
                update.sequenceNumber().map(String::valueOf).orElse("-"),
                update.durationSeconds().map(String::valueOf).orElse("-"),
                applied ? "" : ": late, out of order or a repeat; record unchanged");
        if (update.isFinal() && StatusCallback.isInboundParent(update)) {
            callEnded(update, now);
        }
        return HttpResponses.text(200, "OK");
    }

    private void callEnded(StatusUpdate update, Instant now) {
        String callSid = update.callSid();
        Map<String, AttributeValue> call;
        try {
            call = calls.find(callSid).orElse(Map.of());
        } catch (RuntimeException e) {
            LOG.error("Call {} ended but its record could not be read ({}); no CRM job, no fallback text", callSid,
                    e.getMessage());
            return;
        }
        String caller = Item.string(call, "from").or(update::from).orElse("");
        String called = Item.string(call, "to").or(update::to).orElse("");
        CallOutcome outcome = CallOutcome.of(Item.flag(call, "dialAnswered"), Item.flag(call, "voicemailLeft"));
        Line line = lines.forNumber(called);
        if (outcome != CallOutcome.ANSWERED) {
            texts.onOccasion(line, callSid, caller,
                    outcome == CallOutcome.VOICEMAIL ? Occasion.VOICEMAIL_LEFT : Occasion.CALL_ENDED_UNANSWERED, now);
        }
        queueCrmJob(update, call, caller, called, outcome, now);
    }

    private void queueCrmJob(StatusUpdate update, Map<String, AttributeValue> call, String caller, String called,
                             CallOutcome outcome, Instant now) {
        String callSid = update.callSid();
        if (!PhoneNumbers.isValidE164(caller) || lines.isBusinessNumber(caller)) {
            LOG.info("Call {} ended ({}): no CRM job, caller {} is not a customer number", callSid, outcome.label(),
                    PhoneMask.mask(caller));
            return;
        }
        try {
            if (!once.first(CRM_SCOPE, callSid, CRM_ONCE_TTL)) {
                LOG.info("Call {} ended: CRM job already queued", callSid);
                return;
            }
        } catch (RuntimeException e) {
            LOG.error("Call {} ended but the CRM job could not be guarded ({}); not queued", callSid, e.getMessage());
            return;
        }
        CrmSyncJob job = new CrmSyncJob(CrmSyncJob.CALL, "call:" + callSid,
                Item.string(call, "createdAt").orElse(update.timestamp().orElse(now).toString()), caller,
                called.isEmpty() ? null : called, "call", null, null, null, null, null, null, null, callSid,
                outcome.label(), update.durationSeconds().map(Long::intValue).orElse(null), null, null, null, null, null);
        try {
            crmQueue.send(job);
            LOG.info("Call {} from {} ended ({}): CRM job queued", callSid, PhoneMask.mask(caller), outcome.label());
        } catch (RuntimeException e) {
            LOG.error("Call {} ended but its CRM job could not be queued ({}); a redelivered callback will try again",
                    callSid, e.getMessage());
            try {
                once.release(CRM_SCOPE, callSid);
            } catch (RuntimeException ignored) {
                LOG.error("Call {}: the CRM guard could not be released either; the lead must be added by hand", callSid);
            }
        }
    }

    /** The real clients, built once per container. */
    private static final class Wiring {
        final TwilioWebhook webhook;
        final Lines lines;
        final CallRecords calls;
        final OnceOnly once;
        final JobQueue crmQueue;
        final MissedCallTexts texts;
        final Clock clock = Clock.systemUTC();

        private Wiring(Settings settings) {
            webhook = TwilioWebhook.fromSettings(settings);
            lines = Lines.load(settings);
            Table table = new Table(DynamoDbClients.create(settings.aws(), Duration.ofSeconds(3)),
                    settings.required("TABLE_NAME"));
            SqsClient sqs = SqsClients.create(settings.aws(), Duration.ofSeconds(3));
            calls = new CallRecords(table);
            once = new OnceOnly(table, clock);
            crmQueue = new JobQueue(sqs, settings.required("CRM_QUEUE_URL"));
            texts = MissedCallTexts.fromSettings(settings, table, sqs, lines, new CallbackUrls(webhook.publicBaseUrl()),
                    clock);
        }

        static Wiring from(Settings settings) {
            return new Wiring(settings);
        }
    }
}
