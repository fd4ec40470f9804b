package dev.switchboard.transcription.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.shared.config.ConfigException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EnginePlanTest {

    @Test
    void unsetMeansIntelligenceWhereItsServiceIsConfiguredElseNone() {
        assertThat(EnginePlan.parse(Optional.empty(), true).engines()).containsExactly(EngineName.TWILIO_INTELLIGENCE);
        assertThat(EnginePlan.parse(Optional.empty(), false).engines()).containsExactly(EngineName.NONE);
        assertThat(EnginePlan.parse(Optional.of(" "), false).engines()).containsExactly(EngineName.NONE);
    }

    @Test
    void aListIsTriedInOrder() {
        EnginePlan plan = EnginePlan.parse(Optional.of("twilio-intelligence, openai-whisper"), true);
        assertThat(plan.engines()).containsExactly(EngineName.TWILIO_INTELLIGENCE, EngineName.OPENAI_WHISPER);
        assertThat(plan.after(EngineName.TWILIO_INTELLIGENCE)).containsExactly(EngineName.OPENAI_WHISPER);
        assertThat(plan.after(EngineName.OPENAI_WHISPER)).isEmpty();
        assertThat(EnginePlan.parse(Optional.of("OpenAI-Whisper,none"), false).engines())
                .containsExactly(EngineName.OPENAI_WHISPER, EngineName.NONE);
        assertThat(plan.toString()).isEqualTo("twilio-intelligence,openai-whisper");
    }

    @Test
    void mistakesFailTheColdStartWithOneLineNamingTheSetting() {
        assertThatThrownBy(() -> EnginePlan.parse(Optional.of("whisper"), false))
                .isInstanceOf(ConfigException.class).hasMessageContaining("TRANSCRIBER").hasMessageContaining("'whisper'");
        assertThatThrownBy(() -> EnginePlan.parse(Optional.of("twilio-intelligence"), false))
                .isInstanceOf(ConfigException.class).hasMessageContaining("CI_SERVICE_SID");
        assertThatThrownBy(() -> EnginePlan.parse(Optional.of("none,openai-whisper"), false))
                .isInstanceOf(ConfigException.class).hasMessageContaining("last");
        assertThatThrownBy(() -> EnginePlan.parse(Optional.of("openai-whisper,openai-whisper"), false))
                .isInstanceOf(ConfigException.class).hasMessageContaining("twice");
    }
}
