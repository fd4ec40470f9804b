package dev.switchboard.recording;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.switchboard.shared.config.ColdStart;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.http.FormParameters;
import dev.switchboard.shared.http.HttpRequest;
import dev.switchboard.shared.http.HttpResponses;
import dev.switchboard.shared.queue.JobQueue;
import dev.switchboard.shared.queue.SqsClients;
import dev.switchboard.shared.storage.CallRecords;
import dev.switchboard.shared.storage.DynamoDbClients;
import dev.switchboard.shared.storage.OnceOnly;
import dev.switchboard.shared.storage.RecordingRecords;
import dev.switchboard.shared.storage.Table;
import dev.switchboard.shared.twilio.TwilioWebhook;
import dev.switchboard.shared.twilio.TwilioWebhookHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * {@code POST /twilio/voice/recording} (the {@code recordingStatusCallback}): checked and read
 * ({@link RecordingCallback}), handed to {@link RecordingStatusService}, and answered at once: 200, or 503
 * when the archive job could not be queued (Twilio retries, the alarm sees it).
 */
public class RecordingStatusHandler extends TwilioWebhookHandler {

    private final RecordingStatusService service;

    /** Lambda's constructor: wires everything from the process environment once per container. */
    public RecordingStatusHandler() {
        this(System.getenv());
    }

    /** Wires the real clients from {@code environment} (the local stack hands each function its own). */
    public RecordingStatusHandler(Map<String, String> environment) {
        this(ColdStart.wire("RecordingStatusFunction", () -> Wiring.from(Settings.fromEnvironment(environment))));
        primeWith("recording-status-completed.json"); // SnapStart: answered before the snapshot (shared/config/Priming)
    }

    private RecordingStatusHandler(Wiring wiring) {
        this(wiring.webhook(), wiring.service());
    }

    public RecordingStatusHandler(TwilioWebhook webhook, RecordingStatusService service) {
        super(webhook);
        this.service = service;
    }

    @Override
    protected APIGatewayV2HTTPResponse answer(HttpRequest request, FormParameters params) {
        return switch (service.recordingStatus(RecordingCallback.parse(params))) {
            case NOT_QUEUED -> HttpResponses.text(503, "Recording could not be queued");
            case QUEUED, ALREADY_QUEUED, NO_AUDIO, IGNORED -> HttpResponses.text(200, "OK");
        };
    }


    /** The real clients, built once per container. */
    private record Wiring(TwilioWebhook webhook, RecordingStatusService service) {

        static Wiring from(Settings settings) {
            Clock clock = settings.clock();
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
