package dev.switchboard.transcription;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.shared.config.Env;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.testing.EditableParameterStore;
import dev.switchboard.transcription.engine.EngineResult;
import dev.switchboard.transcription.engine.RecordingAudio;
import dev.switchboard.transcription.engine.WhisperEngine;
import dev.switchboard.transcription.testing.FakeWhisperApi;
import dev.switchboard.transcription.testing.InMemoryAudio;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code OPENAI_API_KEY} as the transcriber is wired: a key rotated in Secrets Manager is sent from then on. */
class WhisperKeyTest {

    final FakeWhisperApi openAi = new FakeWhisperApi();
    final InMemoryAudio audio = new InMemoryAudio(1024);

    @AfterEach
    void stop() {
        openAi.close();
    }

    @Test
    void aKeyRotatedInSecretsManagerIsSentWithTheNextRequest() {
        EditableParameterStore secrets = new EditableParameterStore().putSecret("sb/openai", "sk-first-0123456789");
        WhisperEngine whisper = TranscriberWiring.whisper(new Settings(Env.of(Map.of(
                "OPENAI_API_KEY_SECRET_ID", "sb/openai", "OPENAI_BASE_URL", openAi.baseUrl())), secrets), audio,
                Clock.systemUTC());
        openAi.transcribes("english", List.of(new FakeWhisperApi.Segment(0, 1, "Hello.")));
        RecordingAudio recording = new RecordingAudio("CA11111111111111111111111111111111",
                "RE22222222222222222222222222222222", "bucket", "recordings/x.mp3", "audio/mpeg", (long) audio.bytes.length,
                1, 12, false, "voicemail", "+19045550123", "+19045550200");

        assertThat(whisper.transcribe(recording)).isInstanceOf(EngineResult.Completed.class);
        secrets.putSecret("sb/openai", "sk-second-0123456789");
        assertThat(whisper.transcribe(recording)).isInstanceOf(EngineResult.Completed.class);

        openAi.server().verify(1, postRequestedFor(urlPathEqualTo(FakeWhisperApi.PATH))
                .withHeader("Authorization", equalTo("Bearer sk-first-0123456789")));
        openAi.server().verify(1, postRequestedFor(urlPathEqualTo(FakeWhisperApi.PATH))
                .withHeader("Authorization", equalTo("Bearer sk-second-0123456789")));
    }
}
