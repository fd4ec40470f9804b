package dev.switchboard.recording;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.switchboard.shared.config.ColdStart;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.http.HttpProblem;
import dev.switchboard.shared.http.HttpRequest;
import dev.switchboard.shared.http.HttpResponses;
import dev.switchboard.shared.logging.FunctionLogging;
import dev.switchboard.shared.queue.JobQueue;
import dev.switchboard.shared.queue.SqsClients;
import dev.switchboard.shared.storage.CallRecords;
import dev.switchboard.shared.storage.DynamoDbClients;
import dev.switchboard.shared.storage.OnceOnly;
import dev.switchboard.shared.storage.RecordingRecords;
import dev.switchboard.shared.storage.Table;
import dev.switchboard.shared.twilio.TwilioLogFields;
import dev.switchboard.shared.twilio.TwilioWebhook;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * {@code POST /twilio/voice/recording} (the {@code recordingStatusCallback}): checked and read
 * ({@link RecordingCallback}), handed to {@link RecordingStatusService}, and answered at once: 200, or 503
 * when the archive job could not be queued (Twilio retries, the alarm sees it).
 */
public class RecordingStatusHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final TwilioWebhook webhook;
    private final RecordingStatusService service;

    /** Lambda's constructor: wires everything from the process environment once per container. */
    public RecordingStatusHandler() {
        this(System.getenv());
    }

    /** Wires the real clients from {@code environment} (the local stack hands each function its own). */
    public RecordingStatusHandler(Map<String, String> environment) {
        this(ColdStart.wire("RecordingStatusFunction", () -> Wiring.from(Settings.fromEnvironment(environment))));
    }

    private RecordingStatusHandler(Wiring wiring) {
        this(wiring.webhook(), wiring.service());
    }

    public RecordingStatusHandler(TwilioWebhook webhook, RecordingStatusService service) {
        this.webhook = webhook;
        this.service = service;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return FunctionLogging.around(context, () -> handle(event));
    }

    APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        RecordingCallback callback;
        try {
            callback = RecordingCallback.parse(TwilioLogFields.of(webhook.accept(HttpRequest.from(event))));
        } catch (HttpProblem problem) {
            return problem.toResponse();
        }
        return switch (service.recordingStatus(callback)) {
            case NOT_QUEUED -> HttpResponses.text(503, "Recording could not be queued");
            case QUEUED, ALREADY_QUEUED, NO_AUDIO, IGNORED -> HttpResponses.text(200, "OK");
        };
    }

    /** The real clients, built once per container. */
    private record Wiring(TwilioWebhook webhook, RecordingStatusService service) {

        static Wiring from(Settings settings) {
            Clock clock = Clock.systemUTC();
            Table table = new Table(DynamoDbClients.create(settings.aws(), Duration.ofSeconds(3)),
                    settings.required("TABLE_NAME"));
            JobQueue archiveQueue = new JobQueue(SqsClients.create(settings.aws(), Duration.ofSeconds(3)),
                    settings.required("ARCHIVE_QUEUE_URL"));
            return new Wiring(TwilioWebhook.fromSettings(settings), new RecordingStatusService(
                    RecordingLog.of(new CallRecords(table), new RecordingRecords(table)), new OnceOnly(table, clock),
                    archiveQueue::send, clock));
        }
    }
}
