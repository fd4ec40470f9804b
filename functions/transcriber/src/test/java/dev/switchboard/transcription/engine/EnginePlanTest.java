package dev.switchboard.transcription.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.shared.config.ConfigException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
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

    @Test
    void retryAfterIsReadAsSecondsOrAnHttpDate() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-22T20:00:00Z"), ZoneOffset.UTC);
        assertThat(RetryAfter.parse("30", clock)).contains(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("1.5", clock)).contains(Duration.ofSeconds(2));
        assertThat(RetryAfter.parse("Sun, 22 Nov 2026 20:02:00 GMT", clock)).contains(Duration.ofMinutes(2));
        assertThat(RetryAfter.parse("soon", clock)).isEmpty();
        assertThat(RetryAfter.parse(null, clock)).isEmpty();
        assertThat(List.of(RetryAfter.parse("999999", clock).orElseThrow())).containsExactly(Duration.ofHours(12));
    }
}
