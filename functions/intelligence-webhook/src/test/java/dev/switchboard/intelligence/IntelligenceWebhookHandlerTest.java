package dev.switchboard.intelligence;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.switchboard.shared.http.FormParameters;
import dev.switchboard.shared.jobs.TranscriptionJob;
import dev.switchboard.shared.storage.OnceOnly;
import dev.switchboard.shared.testing.InMemoryOnceMarkers;
import dev.switchboard.shared.testing.TwilioEvents;
import dev.switchboard.shared.twilio.TwilioSignature;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The webhook's gate, parsing and answers with the committed sample event, the guard and the queue in
 * memory: a good notification is queued once, one that cannot be queued gets 503 (Twilio retries). Queueing
 * and the repeat check against the emulators are in the local-stack scenario tests.
 */
class IntelligenceWebhookHandlerTest {

    static final String TOKEN = TwilioEvents.SAMPLE_TOKEN;
    static final String BASE = TwilioEvents.SAMPLE_BASE_URL;

    final List<TranscriptionJob> queued = new ArrayList<>();
    RuntimeException queueOutage;
    final InMemoryOnceMarkers markers = new InMemoryOnceMarkers(Clock.systemUTC());

    final IntelligenceWebhookHandler handler = new IntelligenceWebhookHandler(
            TwilioEvents.sampleWebhook(),
            new TranscriptReadyService(new OnceOnly(markers), job -> {
                if (queueOutage != null) {
                    throw queueOutage;
                }
                queued.add(job);
            }, Clock.systemUTC()));

    static APIGatewayV2HTTPEvent json(String body, String token) {
        APIGatewayV2HTTPEvent event = TwilioEvents.load("intelligence-webhook.json");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String[] signed = TwilioSignature.signJson(token, BASE + "/twilio/intelligence", bytes);
        event.setRawQueryString(signed[0].substring(signed[0].indexOf('?') + 1));
        event.setBody(body);
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        headers.put("x-twilio-signature", signed[1]);
        event.setHeaders(headers);
        return event;
    }

    @Test
    void theSampleEventPassesVerificationAndItsFetchIsQueuedOnce() {
        assertThat(handler.handleRequest(TwilioEvents.load("intelligence-webhook.json"), null).getStatusCode())
                .isEqualTo(200);
        assertThat(handler.handleRequest(TwilioEvents.load("intelligence-webhook.json"), null).getStatusCode())
                .isEqualTo(200);
        assertThat(queued).singleElement().isInstanceOfSatisfying(TranscriptionJob.FetchTranscript.class, job -> {
            assertThat(job.transcriptSid()).startsWith("GT333");
            job.validate();
        });
    }

    @Test
    void aFetchThatCannotBeQueuedIs503AndTwiliosRetryQueuesIt() {
        queueOutage = new IllegalStateException("queue unreachable");
        APIGatewayV2HTTPResponse response = handler.handleRequest(TwilioEvents.load("intelligence-webhook.json"), null);
        assertThat(response.getStatusCode()).isEqualTo(503);
        queueOutage = null;
        assertThat(handler.handleRequest(TwilioEvents.load("intelligence-webhook.json"), null).getStatusCode())
                .isEqualTo(200);
        assertThat(queued).hasSize(1);
    }

    @Test
    void withoutTheTableTheFetchIsQueuedUnguarded() {
        markers.failWith(new IllegalStateException("table unreachable"));
        assertThat(handler.handleRequest(TwilioEvents.load("intelligence-webhook.json"), null).getStatusCode())
                .isEqualTo(200);
        assertThat(queued).hasSize(1);
    }

    @Test
    void aForgedOrAlteredBodyIsRefusedWith403() {
        APIGatewayV2HTTPEvent altered = TwilioEvents.load("intelligence-webhook.json");
        altered.setBody(altered.getBody().replace("GT333", "GT444"));
        assertThat(handler.handleRequest(altered, null).getStatusCode()).isEqualTo(403);

        APIGatewayV2HTTPEvent forged = json("{\"transcript_sid\":\"GT33333333333333333333333333333333\"}", "wrong-token");
        assertThat(handler.handleRequest(forged, null).getStatusCode()).isEqualTo(403);
    }

    @Test
    void badInputIs400() {
        assertThat(handler.handleRequest(json("{not json", TOKEN), null).getStatusCode()).isEqualTo(400);
        assertThat(handler.handleRequest(json("[]", TOKEN), null).getStatusCode()).isEqualTo(400);
        APIGatewayV2HTTPResponse missing = handler.handleRequest(json("{\"event_type\":\"x\"}", TOKEN), null);
        assertThat(missing.getStatusCode()).isEqualTo(400);
        assertThat(missing.getBody()).contains("transcript_sid");
        assertThat(handler.handleRequest(json("{\"transcript_sid\":\"GT1\"}", TOKEN), null).getStatusCode()).isEqualTo(400);
        assertThat(handler.handleRequest(json("{\"transcript_sid\":42}", TOKEN), null).getStatusCode()).isEqualTo(400);
    }

    @Test
    void otherEventsAreAcknowledgedWithoutQueueing() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(json("{\"transcript_sid\":\"GT33333333333333333333333333333333\","
                + "\"event_type\":\"voice_intelligence_operator_results_available\"}", TOKEN), null);
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(queued).isEmpty();
    }

    @Test
    void wrongMethodIs405() {
        APIGatewayV2HTTPEvent get = TwilioEvents.load("intelligence-webhook.json");
        get.getRequestContext().getHttp().setMethod("GET");
        assertThat(handler.handleRequest(get, null).getStatusCode()).isEqualTo(405);
    }

    @Test
    void theNotificationIsReadFromJsonOrForm() {
        TranscriptNotification fromJson = TranscriptNotification.parse("application/json",
                "{\"transcript_sid\":\"GT33333333333333333333333333333333\",\"customer_key\":\"CA11111111111111111111111111111111\","
                        + "\"event_type\":\"voice_intelligence_transcript_available\",\"service_sid\":\"GA1\"}",
                FormParameters.parse(""));
        assertThat(fromJson.transcriptSid()).isEqualTo("GT33333333333333333333333333333333");
        assertThat(fromJson.callSid()).contains("CA11111111111111111111111111111111");
        assertThat(fromJson.transcriptAvailable()).isTrue();

        TranscriptNotification fromForm = TranscriptNotification.parse("application/x-www-form-urlencoded", "",
                FormParameters.parse("transcript_sid=GT33333333333333333333333333333333&customer_key=my-key"
                        + "&event_type=voice_intelligence_transcript_available"));
        assertThat(fromForm.transcriptSid()).isEqualTo("GT33333333333333333333333333333333");
        assertThat(fromForm.customerKey()).contains("my-key");
        assertThat(fromForm.callSid()).isEqualTo(Optional.empty());
    }
}
