package dev.switchboard.transcription.engine;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.http.TwilioRestClient;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.http.FormParameters;
import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.queue.RetryLater;
import dev.switchboard.shared.twilio.TwilioRestClients;
import dev.switchboard.transcription.testing.FakeIntelligenceApi;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Creating Conversational Intelligence transcripts, against a fake of the documented v2 API. */
class IntelligenceEngineTest {

    static final String CALL = "CA11111111111111111111111111111111";
    static final String RECORDING = "RE22222222222222222222222222222222";
    static final String TRANSCRIPT = "GT33333333333333333333333333333333";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T20:00:00Z"), ZoneOffset.UTC);

    final FakeIntelligenceApi fake = new FakeIntelligenceApi();
    final List<String> presigned = new ArrayList<>();
    final MediaUrls mediaUrls = (bucket, key, validFor) -> {
        presigned.add(bucket + "/" + key + " for " + validFor);
        return "https://" + bucket + ".s3.us-east-1.amazonaws.com/" + key + "?X-Amz-Expires=" + validFor.getSeconds()
                + "&X-Amz-Signature=abc";
    };

    @AfterEach
    void stop() {
        fake.close();
    }

    TwilioRestClient client(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of(
                "TWILIO_ACCOUNT_SID", FakeIntelligenceApi.ACCOUNT_SID,
                "TWILIO_AUTH_TOKEN", "test-token",
                "TWILIO_INTELLIGENCE_BASE_URL", fake.baseUrl(),
                "TWILIO_API_BASE_URL", "https://api.twilio.com"));
        env.putAll(extra);
        return TwilioRestClients.create(Settings.of(env));
    }

    IntelligenceEngine engine(boolean signalWire) {
        return new IntelligenceEngine(client(Map.of()), FakeIntelligenceApi.SERVICE_SID, mediaUrls, Duration.ofHours(6),
                signalWire, CLOCK);
    }

    static RecordingAudio call(boolean deleted) {
        return new RecordingAudio(CALL, RECORDING, "recordings-bucket",
                "recordings/2026/11/22/" + CALL + "/" + RECORDING + ".mp3", "audio/mpeg", 48_000L, 2, 42, deleted, "call",
                "+19045550123", "+19045550200");
    }

    static RecordingAudio voicemail() {
        return new RecordingAudio(CALL, RECORDING, "recordings-bucket", "recordings/2026/11/22/x.mp3", "audio/mpeg",
                10_000L, 1, 12, false, "voicemail", "+19045550123", "+19045550200");
    }

    @Test
    void aDualChannelCallIsSentByRecordingSidWithBothParticipantsAndTheCallSidAsCustomerKey() {
        fake.acceptsTranscripts(TRANSCRIPT);
        EngineResult result = engine(false).transcribe(call(false));

        assertThat(result).isEqualTo(new EngineResult.Submitted(TRANSCRIPT));
        FormParameters form = fake.createRequests().get(0);
        assertThat(form.first("ServiceSid")).contains(FakeIntelligenceApi.SERVICE_SID);
        assertThat(form.first("CustomerKey")).contains(CALL);
        JsonNode channel = json(form.first("Channel").orElseThrow());
        assertThat(channel.path("media_properties").path("source_sid").asText()).isEqualTo(RECORDING);
        assertThat(channel.path("media_properties").has("media_url")).isFalse();
        JsonNode participants = channel.path("participants");
        assertThat(participants).hasSize(2);
        assertThat(participants.get(0).path("channel_participant").asInt()).isEqualTo(1);
        assertThat(participants.get(0).path("role").asText()).isEqualTo("Customer");
        assertThat(participants.get(0).path("media_participant_id").asText()).isEqualTo("+19045550123");
        assertThat(participants.get(1).path("channel_participant").asInt()).isEqualTo(2);
        assertThat(participants.get(1).path("role").asText()).isEqualTo("Agent");
        assertThat(presigned).isEmpty();
    }

    @Test
    void aRecordingDeletedFromTwilioIsSentAsAPresignedS3Url() {
        fake.acceptsTranscripts(TRANSCRIPT);
        engine(false).transcribe(call(true));

        JsonNode channel = json(fake.createRequests().get(0).first("Channel").orElseThrow());
        assertThat(channel.path("media_properties").has("source_sid")).isFalse();
        assertThat(channel.path("media_properties").path("media_url").asText())
                .startsWith("https://recordings-bucket.s3.us-east-1.amazonaws.com/recordings/2026/11/22/")
                .contains("X-Amz-Expires=21600");
        assertThat(presigned).containsExactly("recordings-bucket/recordings/2026/11/22/" + CALL + "/" + RECORDING
                + ".mp3 for PT6H");
    }

    @Test
    void aVoicemailHasNoParticipants() {
        fake.acceptsTranscripts(TRANSCRIPT);
        engine(false).transcribe(voicemail());
        JsonNode channel = json(fake.createRequests().get(0).first("Channel").orElseThrow());
        assertThat(channel.has("participants")).isFalse();
    }

    @Test
    void anApiKeyIsUsedWhenConfigured() {
        fake.acceptsTranscripts(TRANSCRIPT);
        new IntelligenceEngine(client(Map.of("TWILIO_API_KEY_SID", "SK00000000000000000000000000000009",
                "TWILIO_API_KEY_SECRET", "key-secret")), FakeIntelligenceApi.SERVICE_SID, mediaUrls, Duration.ofHours(6),
                false, CLOCK).transcribe(call(false));
        String expected = "Basic " + Base64.getEncoder().encodeToString(
                "SK00000000000000000000000000000009:key-secret".getBytes(StandardCharsets.UTF_8));
        assertThat(fake.server().findAll(postRequestedFor(urlPathEqualTo("/v2/Transcripts"))).get(0)
                .getHeader("Authorization")).isEqualTo(expected);
    }

    @Test
    void tooManyRequestsIsRetriedThroughTheQueueAfterRetryAfterAndThePostIsNotRepeatedByTheClient() {
        fake.acceptsTranscripts(TRANSCRIPT);
        fake.createFails(1, 429, 20429, "Too many requests", "7");

        assertThatThrownBy(() -> engine(false).transcribe(call(false)))
                .isInstanceOfSatisfying(RetryLater.class, e -> {
                    assertThat(e.minimumDelay()).contains(Duration.ofSeconds(7));
                    assertThat(e.getMessage()).contains("HTTP 429").contains("20429");
                });
        assertThat(fake.createRequests()).hasSize(1);
        assertThat(engine(false).transcribe(call(false))).isEqualTo(new EngineResult.Submitted(TRANSCRIPT));
    }

    @Test
    void aServerErrorIsRetriedThroughTheQueue() {
        fake.createFails(1, 503, 20500, "Service unavailable", null);
        assertThatThrownBy(() -> engine(false).transcribe(call(false))).isInstanceOf(RetryLater.class);
        assertThat(fake.createRequests()).hasSize(1);
    }

    @Test
    void aClientErrorIsPermanentAndNamesTwiliosError() {
        fake.createFails(1, 400, 20001, "Invalid Channel: media_properties is required", null);
        assertThatThrownBy(() -> engine(false).transcribe(call(false)))
                .isInstanceOf(EngineFailure.class)
                .hasMessageContaining("HTTP 400")
                .hasMessageContaining("Twilio error 20001")
                .hasMessageContaining("Invalid Channel");
    }

    @Test
    void aRecordingInExternalStorageCannotBeTaken() {
        fake.createFails(1, 400, 95118, "Recording is stored in external storage", null);
        assertThat(engine(false).transcribe(call(false))).isInstanceOf(EngineResult.CannotTake.class);
    }

    @Test
    void signalWireRecordingsCannotBeTakenAndNothingIsSent() {
        assertThat(engine(true).transcribe(call(false))).isInstanceOf(EngineResult.CannotTake.class);
        RecordingAudio uuid = new RecordingAudio(CALL, "3f1c6a2e-8b7d-4c1e-9a2b-5d6e7f8a9b0c", "b", "k", null, 1L, 1, 1,
                false, "voicemail", null, null);
        assertThat(engine(false).transcribe(uuid)).isInstanceOfSatisfying(EngineResult.CannotTake.class,
                c -> assertThat(c.reason()).contains("not a Twilio recording"));
        assertThat(fake.createRequests()).isEmpty();
    }

    static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(text, e);
        }
    }
}
