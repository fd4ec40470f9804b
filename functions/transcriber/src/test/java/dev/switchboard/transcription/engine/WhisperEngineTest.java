package dev.switchboard.transcription.engine;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.switchboard.shared.queue.RetryLater;
import dev.switchboard.transcription.Transcript;
import dev.switchboard.transcription.TranscriptSentence;
import dev.switchboard.transcription.testing.FakeWhisperApi;
import dev.switchboard.transcription.testing.FakeWhisperApi.Segment;
import dev.switchboard.transcription.testing.InMemoryAudio;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** OpenAI speech-to-text: the multipart request, the verbose_json answer, and every failure class. */
class WhisperEngineTest {

    static final String CALL = "CA11111111111111111111111111111111";
    static final String RECORDING = "RE22222222222222222222222222222222";
    static final String KEY = "sk-test-0123456789abcdefSECRET";

    final FakeWhisperApi fake = new FakeWhisperApi();
    final InMemoryAudio source = new InMemoryAudio(64 * 1024);
    final byte[] audio = source.bytes;
    final List<String> opened = source.opened;

    @AfterEach
    void stop() {
        fake.close();
    }

    WhisperEngine engine(long maxBytes, Duration timeout) {
        return new WhisperEngine(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), fake.baseUrl(), () -> KEY,
                "whisper-1", maxBytes, timeout, source, Clock.systemUTC());
    }

    WhisperEngine engine() {
        return engine(WhisperEngine.UPLOAD_LIMIT_BYTES, Duration.ofSeconds(10));
    }

    static RecordingAudio voicemail(Long size) {
        return new RecordingAudio(CALL, RECORDING, "recordings-bucket",
                "recordings/2026/11/22/" + CALL + "/" + RECORDING + ".mp3", "audio/mpeg", size, 1, 12, false, "voicemail",
                "+19045550123", "+19045550200");
    }

    @Test
    void theAudioIsPostedAsMultipartWithModelFormatAndFileAndTheSegmentsComeBack() {
        fake.transcribes("english", List.of(new Segment(0.0, 2.4, "Hi, my name is Dave Miller."),
                new Segment(2.4, 6.1, "My brakes are squealing.")));

        EngineResult result = engine().transcribe(voicemail((long) audio.length));

        fake.server().verify(1, postRequestedFor(urlPathEqualTo(FakeWhisperApi.PATH))
                .withHeader("Authorization", equalTo("Bearer " + KEY))
                .withHeader("Content-Type", com.github.tomakehurst.wiremock.client.WireMock.matching(
                        "multipart/form-data; boundary=.+"))
                .withRequestBodyPart(aMultipart().withName("model").withBody(equalTo("whisper-1")).build())
                .withRequestBodyPart(aMultipart().withName("response_format").withBody(equalTo("verbose_json")).build())
                .withRequestBodyPart(aMultipart().withName("file")
                        .withHeader("Content-Disposition", com.github.tomakehurst.wiremock.client.WireMock.containing(
                                "filename=\"" + RECORDING + ".mp3\""))
                        .withHeader("Content-Type", equalTo("audio/mpeg"))
                        .withBody(binaryEqualTo(audio)).build()));
        LoggedRequest request = fake.requests().get(0);
        // The length is known up front: the body is streamed, not chunked and not buffered.
        assertThat(request.getHeader("Content-Length")).isEqualTo(String.valueOf(request.getBody().length));
        assertThat(request.containsHeader("Transfer-Encoding")).isFalse();

        Transcript transcript = ((EngineResult.Completed) result).transcript();
        assertThat(transcript.engine()).isEqualTo("openai-whisper");
        assertThat(transcript.language()).contains("en");
        assertThat(transcript.sentences()).extracting(TranscriptSentence::text)
                .containsExactly("Hi, my name is Dave Miller.", "My brakes are squealing.");
        assertThat(transcript.sentences().get(1).startSeconds()).isEqualTo(2.4);
        assertThat(transcript.sentences().get(1).endSeconds()).isEqualTo(6.1);
    }

    @Test
    void aFileOverTheUploadLimitIsSkippedWithoutSendingIt() {
        EngineResult result = engine().transcribe(voicemail(26L * 1024 * 1024));
        assertThat(result).isInstanceOfSatisfying(EngineResult.CannotTake.class,
                c -> assertThat(c.reason()).contains("26.0 MB").contains("25 MB upload limit"));
        assertThat(fake.requests()).isEmpty();
        assertThat(opened).isEmpty();

        // Without a size in the job, the object's own size decides.
        assertThat(engine(1000, Duration.ofSeconds(5)).transcribe(voicemail(null)))
                .isInstanceOf(EngineResult.CannotTake.class);
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void tooManyRequestsIsRetriedAfterRetryAfterThenSucceeds() {
        fake.transcribes("english", List.of(new Segment(0, 1, "Hello.")));
        fake.failsNext(1, 429, "requests", "rate_limit_exceeded", "Rate limit reached for whisper-1", "20");

        assertThatThrownBy(() -> engine().transcribe(voicemail((long) audio.length)))
                .isInstanceOfSatisfying(RetryLater.class, e -> {
                    assertThat(e.minimumDelay()).contains(Duration.ofSeconds(20));
                    assertThat(e.getMessage()).contains("429").contains("rate_limit_exceeded");
                });
        assertThat(engine().transcribe(voicemail((long) audio.length))).isInstanceOf(EngineResult.Completed.class);
        assertThat(fake.requests()).hasSize(2);
    }

    @Test
    void serverErrorsAndTimeoutsAreRetried() {
        fake.failsNext(1, 503, "server_error", null, "The server is overloaded", null);
        assertThatThrownBy(() -> engine().transcribe(voicemail((long) audio.length))).isInstanceOf(RetryLater.class);

        fake.server().stubFor(post(urlPathEqualTo(FakeWhisperApi.PATH)).atPriority(0)
                .willReturn(aResponse().withStatus(200).withFixedDelay(3000).withBody("{}")));
        assertThatThrownBy(() -> engine(WhisperEngine.UPLOAD_LIMIT_BYTES, Duration.ofMillis(500))
                .transcribe(voicemail((long) audio.length)))
                .isInstanceOf(RetryLater.class).hasMessageContaining("did not answer");
    }

    @Test
    void aClientErrorIsPermanentNamesOpenAisErrorAndNeverTheKey() {
        fake.failsNext(1, 401, "invalid_request_error", "invalid_api_key",
                "Incorrect API key provided: sk-test-0***CRET. You can find your API key at https://platform.openai.com.",
                null);
        assertThatThrownBy(() -> engine().transcribe(voicemail((long) audio.length)))
                .isInstanceOf(EngineFailure.class)
                .hasMessageContaining("HTTP 401")
                .hasMessageContaining("invalid_api_key")
                .hasMessageContaining("Incorrect API key provided")
                .hasMessageNotContaining("sk-test-0")
                .hasMessageNotContaining("CRET");
    }

    @Test
    void aFileTheProviderFindsTooLargeIsSkipped() {
        fake.failsNext(1, 413, "invalid_request_error", null, "Maximum content size limit (26214400) exceeded", null);
        assertThat(engine().transcribe(voicemail((long) audio.length))).isInstanceOf(EngineResult.CannotTake.class);
    }

    @Test
    void languageNamesBecomeCodes() {
        assertThat(WhisperEngine.languageCode("english")).contains("en");
        assertThat(WhisperEngine.languageCode("spanish")).contains("es");
        assertThat(WhisperEngine.languageCode("en")).contains("en");
        assertThat(WhisperEngine.languageCode(null)).isEmpty();
    }
}
