package dev.switchboard.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.switchboard.shared.http.FormParameters;
import dev.switchboard.shared.http.HttpProblem;
import dev.switchboard.shared.storage.CallRecord;
import dev.switchboard.shared.storage.OnceOnly;
import dev.switchboard.shared.storage.RecordingRecords;
import dev.switchboard.shared.testing.InMemoryOnceMarkers;
import dev.switchboard.shared.testing.TwilioEvents;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The callback's parsing, the gate and the answers; the rules are RecordingStatusServiceTest's, and queueing
 * against real SQS/DynamoDB is in the local-stack scenarios.
 */
class RecordingStatusHandlerTest {

    static final String TOKEN = TwilioEvents.SAMPLE_TOKEN;
    static final String BASE = TwilioEvents.SAMPLE_BASE_URL;

    RuntimeException queueOutage;

    RecordingStatusHandler handler() {
        Clock clock = Clock.systemUTC();
        RecordingLog nothingStored = new RecordingLog() {
            @Override
            public Optional<CallRecord> call(String callSid) {
                return Optional.empty();
            }

            @Override
            public void announce(RecordingRecords.NewRecording recording, Instant now) {
            }

            @Override
            public void completedOnCall(String callSid, String recordingSid, boolean voicemail, Instant now) {
            }

            @Override
            public void problemOnCall(String callSid, String recordingSid, String status, Optional<String> errorCode,
                                      Instant now) {
            }
        };
        return new RecordingStatusHandler(TwilioEvents.sampleWebhook(),
                new RecordingStatusService(nothingStored, new OnceOnly(new InMemoryOnceMarkers(clock)), job -> {
                    if (queueOutage != null) {
                        throw queueOutage;
                    }
                }, clock));
    }

    @Test
    void theSampleCallbackIsAVoicemailRecording() {
        RecordingCallback callback = RecordingCallback.parse(TwilioEvents.params(
                TwilioEvents.load("recording-status-completed.json")));
        assertThat(callback.kind()).isEqualTo("voicemail");
        assertThat(callback.durationSeconds()).contains(23L);
        assertThat(callback.channels()).contains(1L);
        assertThat(callback.recordingUrl()).hasValueSatisfying(u -> assertThat(u).startsWith("https://api.twilio.com/"));
    }

    @Test
    void aDialRecordingIsACallRecording() {
        RecordingCallback callback = RecordingCallback.parse(FormParameters.parse("CallSid=CA1&RecordingSid=RE1"
                + "&RecordingStatus=completed&RecordingUrl=https%3A%2F%2Fapi.twilio.com%2Fx&RecordingSource=DialVerb"));
        assertThat(callback.kind()).isEqualTo("call");
    }

    @Test
    void unparseableDurationOrMissingUrlIs400WithNothingQueued() {
        APIGatewayV2HTTPEvent badDuration = TwilioEvents.with(TwilioEvents.load("recording-status-completed.json"),
                Map.of("RecordingDuration", "12s"), TOKEN, BASE);
        APIGatewayV2HTTPResponse response = handler().handleRequest(badDuration, null);
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getBody()).contains("RecordingDuration");

        Map<String, String> noUrl = new HashMap<>();
        noUrl.put("RecordingUrl", null);
        APIGatewayV2HTTPResponse missing = handler().handleRequest(
                TwilioEvents.with(TwilioEvents.load("recording-status-completed.json"), noUrl, TOKEN, BASE), null);
        assertThat(missing.getStatusCode()).isEqualTo(400);
        assertThat(missing.getBody()).contains("Missing RecordingUrl");

        assertThatThrownBy(() -> RecordingCallback.parse(FormParameters.parse("CallSid=CA1&RecordingSid=RE1"
                + "&RecordingStatus=completed&RecordingUrl=ftp%3A%2F%2Fexample.com%2Fx")))
                .isInstanceOf(HttpProblem.class).hasMessageContaining("http");
    }

    @Test
    void anAbsentRecordingNeedsNoUrl() {
        RecordingCallback callback = RecordingCallback.parse(TwilioEvents.params(
                TwilioEvents.load("recording-status-absent.json")));
        assertThat(callback.status()).isEqualTo("absent");
        assertThat(handler().handleRequest(TwilioEvents.load("recording-status-absent.json"), null).getStatusCode())
                .isEqualTo(200);
    }

    @Test
    void aQueuedRecordingIs200() {
        assertThat(handler().handleRequest(TwilioEvents.load("recording-status-completed.json"), null).getStatusCode())
                .isEqualTo(200);
    }

    @Test
    void aRecordingThatCannotBeQueuedIs503() {
        queueOutage = new IllegalStateException("queue unreachable");
        assertThat(handler().handleRequest(TwilioEvents.load("recording-status-completed.json"), null).getStatusCode())
                .isEqualTo(503);
    }
}
