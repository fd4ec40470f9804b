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
import dev.switchboard.shared.jobs.ArchiveRecordingJob;
import dev.switchboard.shared.logging.FunctionLogging;
import dev.switchboard.shared.queue.JobQueue;
import dev.switchboard.shared.queue.SqsClients;
import dev.switchboard.shared.storage.CallRecords;
import dev.switchboard.shared.storage.DynamoDbClients;
import dev.switchboard.shared.storage.Item;
import dev.switchboard.shared.storage.OnceOnly;
import dev.switchboard.shared.storage.RecordingRecords;
import dev.switchboard.shared.storage.Table;
import dev.switchboard.shared.twilio.TwilioWebhook;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code POST /twilio/voice/recording} (the {@code recordingStatusCallback}). A completed recording gets
 * its item and ONE {@link ArchiveRecordingJob} on the archive queue, and the callback is answered at once:
 * the download happens in the archive worker. {@code absent} and {@code failed} are recorded on the call and
 * the recording. A redelivered callback gets the same answer and queues nothing.
 *
 * <p>When the table is down the job is queued anyway (the worker dedupes): a recording is never lost to a
 * storage hiccup. When the queue is down the answer is 503 and the ERROR line names the RecordingSid; the
 * recording stays in Twilio (see docs/call-lifecycle.md, "Recordings that were never queued").
 */
public class RecordingStatusHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    static final String ARCHIVE_SCOPE = "archive-job";
    private static final Duration ONCE_TTL = Duration.ofDays(30);
    private static final Logger LOG = LoggerFactory.getLogger(RecordingStatusHandler.class);

    private final TwilioWebhook webhook;
    private final CallRecords calls;
    private final RecordingRecords recordings;
    private final OnceOnly once;
    private final JobQueue archiveQueue;
    private final Clock clock;

    /** Lambda's constructor: wires everything from the process environment once per container. */
    public RecordingStatusHandler() {
        this(System.getenv());
    }

    /** Wires the real clients from {@code environment} (the local stack hands each function its own). */
    public RecordingStatusHandler(Map<String, String> environment) {
        this(ColdStart.wire("RecordingStatusFunction", () -> Wiring.from(Settings.fromEnvironment(environment))));
    }

    private RecordingStatusHandler(Wiring wiring) {
        this(wiring.webhook, new CallRecords(wiring.table), new RecordingRecords(wiring.table),
                new OnceOnly(wiring.table, Clock.systemUTC()), wiring.archiveQueue, Clock.systemUTC());
    }

    public RecordingStatusHandler(TwilioWebhook webhook, CallRecords calls, RecordingRecords recordings, OnceOnly once,
                                  JobQueue archiveQueue, Clock clock) {
        this.webhook = webhook;
        this.calls = calls;
        this.recordings = recordings;
        this.once = once;
        this.archiveQueue = archiveQueue;
        this.clock = clock;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return FunctionLogging.around(context, () -> handle(event));
    }

    APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        RecordingCallback callback;
        try {
            callback = RecordingCallback.parse(webhook.accept(HttpRequest.from(event)));
        } catch (HttpProblem problem) {
            return problem.toResponse();
        }
        Instant now = clock.instant();
        switch (callback.status()) {
            case RecordingCallback.COMPLETED:
                return completed(callback, now);
            case RecordingCallback.ABSENT:
            case RecordingCallback.FAILED:
                noAudio(callback, now);
                return HttpResponses.text(200, "OK");
            default:
                LOG.info("Recording {} of call {}: status {} ignored", callback.recordingSid(), callback.callSid(),
                        callback.status());
                return HttpResponses.text(200, "OK");
        }
    }

    private APIGatewayV2HTTPResponse completed(RecordingCallback callback, Instant now) {
        String sid = callback.recordingSid();
        Map<String, AttributeValue> call = Map.of();
        boolean storageUp = true;
        try {
            call = calls.find(callback.callSid()).orElse(Map.of());
            recordings.createIfAbsent(newRecording(callback, call), now);
            calls.recordRecordingCompleted(callback.callSid(), sid, callback.kind().equals("voicemail"), now);
        } catch (RuntimeException e) {
            storageUp = false;
            LOG.warn("Recording {} of call {}: the table could not be written ({}); queueing the archive job anyway",
                    sid, callback.callSid(), e.getMessage());
        }
        boolean first = true;
        if (storageUp) {
            try {
                first = once.first(ARCHIVE_SCOPE, sid, ONCE_TTL);
            } catch (RuntimeException e) {
                LOG.warn("Recording {}: the once-only guard could not be checked ({}); queueing anyway", sid, e.getMessage());
            }
        }
        if (!first) {
            LOG.info("Recording {} of call {}: archive job already queued (redelivered callback)", sid, callback.callSid());
            return HttpResponses.text(200, "OK");
        }
        ArchiveRecordingJob job = new ArchiveRecordingJob(callback.callSid(), sid, callback.recordingUrl().orElseThrow(),
                callback.durationSeconds().map(Long::intValue).orElse(null),
                callback.channels().map(Long::intValue).orElse(null), callback.source().orElse(null),
                callback.accountSid().orElse(null), callback.recordingStartTime().orElse(null), callback.kind(),
                Item.string(call, "from").orElse(null), Item.string(call, "to").orElse(null),
                Item.string(call, "to").orElse(null), now.toString());
        try {
            archiveQueue.send(job);
        } catch (RuntimeException e) {
            LOG.error("Recording {} of call {} could NOT be queued for archiving ({}); it stays in Twilio. Re-queue it"
                    + " (docs/call-lifecycle.md) once the archive queue is reachable", sid, callback.callSid(), e.getMessage());
            release(sid);
            return HttpResponses.text(503, "Recording could not be queued");
        }
        LOG.info("Recording {} of call {} ({}, {} s): archive job queued", sid, callback.callSid(), callback.kind(),
                callback.durationSeconds().map(String::valueOf).orElse("?"));
        return HttpResponses.text(200, "OK");
    }

    private void noAudio(RecordingCallback callback, Instant now) {
        LOG.info("Recording {} of call {}: {} (error {}), no audio to archive", callback.recordingSid(),
                callback.callSid(), callback.status(), callback.errorCode().orElse("-"));
        try {
            Map<String, AttributeValue> call = calls.find(callback.callSid()).orElse(Map.of());
            recordings.createIfAbsent(newRecording(callback, call), now);
            calls.recordRecordingProblem(callback.callSid(), callback.recordingSid(), callback.status(),
                    callback.errorCode(), now);
        } catch (RuntimeException e) {
            LOG.error("Recording {} of call {}: its {} status could not be recorded: {}", callback.recordingSid(),
                    callback.callSid(), callback.status(), e.getMessage());
        }
    }

    private RecordingRecords.NewRecording newRecording(RecordingCallback callback, Map<String, AttributeValue> call) {
        boolean audio = callback.status().equals(RecordingCallback.COMPLETED);
        return new RecordingRecords.NewRecording(callback.recordingSid(), callback.callSid(),
                audio ? RecordingRecords.QUEUED : callback.status(), callback.kind(), audio, callback.recordingUrl(),
                callback.durationSeconds(), callback.channels(), callback.source(), callback.recordingStartTime(),
                callback.errorCode(), Item.string(call, "from"), Item.string(call, "to"),
                Item.string(call, "to"));
    }

    private void release(String sid) {
        try {
            once.release(ARCHIVE_SCOPE, sid);
        } catch (RuntimeException e) {
            LOG.error("Recording {}: the once-only guard could not be released ({}); a redelivered callback will not"
                    + " queue it either", sid, e.getMessage());
        }
    }

    /** The real clients, built once per container. */
    private static final class Wiring {
        final TwilioWebhook webhook;
        final Table table;
        final JobQueue archiveQueue;

        private Wiring(Settings settings) {
            webhook = TwilioWebhook.fromSettings(settings);
            table = new Table(DynamoDbClients.create(settings.aws(), Duration.ofSeconds(3)), settings.required("TABLE_NAME"));
            archiveQueue = new JobQueue(SqsClients.create(settings.aws(), Duration.ofSeconds(3)),
                    settings.required("ARCHIVE_QUEUE_URL"));
        }

        static Wiring from(Settings settings) {
            return new Wiring(settings);
        }
    }
}
