package dev.switchboard.intelligence;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.switchboard.shared.config.ColdStart;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.http.FormParameters;
import dev.switchboard.shared.http.HttpProblem;
import dev.switchboard.shared.http.HttpRequest;
import dev.switchboard.shared.http.HttpResponses;
import dev.switchboard.shared.jobs.TranscriptionJob;
import dev.switchboard.shared.logging.FunctionLogging;
import dev.switchboard.shared.queue.JobQueue;
import dev.switchboard.shared.queue.SqsClients;
import dev.switchboard.shared.storage.DynamoDbClients;
import dev.switchboard.shared.storage.OnceOnly;
import dev.switchboard.shared.storage.Table;
import dev.switchboard.shared.twilio.TwilioWebhook;
import java.util.Map;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * {@code POST /twilio/intelligence}: Conversational Intelligence says a transcript is ready. Verified like
 * every Twilio webhook (JSON bodies through {@code bodySHA256}), answered at once: the fetch is a
 * {@code fetch-transcript} job on the transcription queue. A repeat of the same transcript's webhook queues
 * nothing more (and the worker ignores a transcript it already stored).
 */
public class IntelligenceWebhookHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(IntelligenceWebhookHandler.class);
    static final String SCOPE = "intelligence-webhook";
    /** Longer than Twilio retries a webhook, and than a transcript job can wait in its queues. */
    static final Duration ONCE_FOR = Duration.ofDays(14);

    private final TwilioWebhook webhook;
    private final OnceOnly once;
    private final JobQueue transcriptionQueue;
    private final Clock clock;

    /** Lambda's constructor: wires everything from the process environment once per container. */
    public IntelligenceWebhookHandler() {
        this(System.getenv());
    }

    /** Wires the real clients from {@code environment} (the local stack hands each function its own). */
    public IntelligenceWebhookHandler(Map<String, String> environment) {
        this(ColdStart.wire("IntelligenceWebhookFunction", () -> Wiring.from(Settings.fromEnvironment(environment))));
    }

    private IntelligenceWebhookHandler(Wiring wiring) {
        this(wiring.webhook(), wiring.once(), wiring.queue(), Clock.systemUTC());
    }

    public IntelligenceWebhookHandler(TwilioWebhook webhook, OnceOnly once, JobQueue transcriptionQueue, Clock clock) {
        this.webhook = webhook;
        this.once = once;
        this.transcriptionQueue = transcriptionQueue;
        this.clock = clock;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return FunctionLogging.around(context, () -> handle(event));
    }

    APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        TranscriptNotification notification;
        try {
            HttpRequest request = HttpRequest.from(event);
            FormParameters form = webhook.accept(request);
            notification = TranscriptNotification.parse(request.mediaType(), request.bodyText(), form);
        } catch (HttpProblem problem) {
            if (problem.status() == 400) {
                LOG.warn("Refused Intelligence webhook: {}", problem.getMessage());
            }
            return problem.toResponse();
        }
        String sid = notification.transcriptSid();
        if (!notification.transcriptAvailable()) {
            LOG.info("Intelligence event {} for transcript {} needs nothing", notification.eventType().orElse(""), sid);
            return HttpResponses.text(200, "OK");
        }
        boolean first;
        try {
            first = once.first(SCOPE, sid, ONCE_FOR);
        } catch (SdkException e) {
            // Without the table the repeat check is lost, not the transcript: the worker ignores duplicates.
            LOG.warn("Could not check whether transcript {} was already queued ({}); queueing it", sid, e.getMessage());
            first = true;
        }
        if (!first) {
            LOG.info("Transcript {} was already queued; repeated webhook ignored", sid);
            return HttpResponses.text(200, "OK");
        }
        try {
            transcriptionQueue.send(new TranscriptionJob(TranscriptionJob.FETCH_TRANSCRIPT,
                    notification.callSid().orElse(null), null, null, null, null, null, null, null, null, sid,
                    null, null, null, null, clock.instant().toString()));
        } catch (SdkException e) {
            releaseQuietly(sid);
            LOG.error("Transcript {} is ready but its fetch could not be queued; answering 503 so Twilio retries: {}",
                    sid, e.getMessage());
            return HttpResponses.text(503, "Try again later");
        }
        LOG.info("Transcript {} of call {} is ready; fetch queued", sid, notification.callSid().orElse("unknown"));
        return HttpResponses.text(200, "OK");
    }

    private void releaseQuietly(String sid) {
        try {
            once.release(SCOPE, sid);
        } catch (SdkException e) {
            LOG.warn("Could not forget transcript {} after the failed send: {}", sid, e.getMessage());
        }
    }

    /** The real clients, built once per container. */
    private record Wiring(TwilioWebhook webhook, OnceOnly once, JobQueue queue) {

        static Wiring from(Settings settings) {
            TwilioWebhook webhook = TwilioWebhook.fromSettings(settings);
            Table table = new Table(DynamoDbClients.create(settings.aws(), Duration.ofMillis(700)),
                    settings.required("TABLE_NAME"));
            JobQueue queue = new JobQueue(SqsClients.create(settings.aws(), Duration.ofSeconds(2)),
                    settings.required("TRANSCRIPTION_QUEUE_URL"));
            return new Wiring(webhook, new OnceOnly(table, Clock.systemUTC()), queue);
        }
    }
}
