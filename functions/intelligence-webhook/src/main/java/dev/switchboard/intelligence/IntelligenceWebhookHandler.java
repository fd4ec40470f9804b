package dev.switchboard.intelligence;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.switchboard.shared.config.ColdStart;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.http.FormParameters;
import dev.switchboard.shared.http.HttpProblem;
import dev.switchboard.shared.http.HttpRequest;
import dev.switchboard.shared.http.HttpResponses;
import dev.switchboard.shared.logging.LogFields;
import dev.switchboard.shared.queue.JobQueue;
import dev.switchboard.shared.queue.SqsClients;
import dev.switchboard.shared.storage.DynamoDbClients;
import dev.switchboard.shared.storage.OnceOnly;
import dev.switchboard.shared.storage.Table;
import dev.switchboard.shared.twilio.TwilioWebhook;
import dev.switchboard.shared.twilio.TwilioWebhookHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /twilio/intelligence}: Conversational Intelligence says a transcript is ready. Verified like
 * every Twilio webhook (JSON bodies through {@code bodySHA256}), read ({@link TranscriptNotification}) and
 * handed to {@link TranscriptReadyService}; answered at once, 503 when the fetch could not be queued.
 */
public class IntelligenceWebhookHandler extends TwilioWebhookHandler {

    private static final Logger LOG = LoggerFactory.getLogger(IntelligenceWebhookHandler.class);

    private final TranscriptReadyService service;

    /** Lambda's constructor: wires everything from the process environment once per container. */
    public IntelligenceWebhookHandler() {
        this(System.getenv());
    }

    /** Wires the real clients from {@code environment} (the local stack hands each function its own). */
    public IntelligenceWebhookHandler(Map<String, String> environment) {
        this(ColdStart.wire("IntelligenceWebhookFunction", () -> Wiring.from(Settings.fromEnvironment(environment))));
        primeWith("intelligence-webhook.json"); // SnapStart: answered before the snapshot (shared/config/Priming)
    }

    private IntelligenceWebhookHandler(Wiring wiring) {
        this(wiring.webhook(), wiring.service());
    }

    public IntelligenceWebhookHandler(TwilioWebhook webhook, TranscriptReadyService service) {
        super(webhook);
        this.service = service;
    }

    @Override
    protected APIGatewayV2HTTPResponse answer(HttpRequest request, FormParameters form) {
        TranscriptNotification notification;
        try {
            notification = TranscriptNotification.parse(request.mediaType(), request.bodyText(), form);
        } catch (HttpProblem problem) {
            LOG.warn("Refused Intelligence webhook: {}", problem.getMessage());
            throw problem;
        }
        LogFields.put("transcriptSid", notification.transcriptSid());
        LogFields.put("callSid", notification.callSid().orElse(null));
        return switch (service.notified(notification)) {
            case NOT_QUEUED -> HttpResponses.text(503, "Try again later");
            case QUEUED, ALREADY_QUEUED, IGNORED -> HttpResponses.text(200, "OK");
        };
    }


    /** The real clients, built once per container. */
    private record Wiring(TwilioWebhook webhook, TranscriptReadyService service) {

        static Wiring from(Settings settings) {
            TwilioWebhook webhook = TwilioWebhook.fromSettings(settings);
            Table table = new Table(DynamoDbClients.create(settings.aws(), Duration.ofMillis(700)),
                    settings.required("TABLE_NAME"));
            JobQueue queue = new JobQueue(SqsClients.create(settings.aws(), Duration.ofSeconds(2)),
                    settings.required("TRANSCRIPTION_QUEUE_URL"));
            return new Wiring(webhook, new TranscriptReadyService(new OnceOnly(table, settings.clock()), queue::send,
                    settings.clock()));
        }
    }
}
