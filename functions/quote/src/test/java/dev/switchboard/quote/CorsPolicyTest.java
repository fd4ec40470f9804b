package dev.switchboard.quote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.shared.config.ConfigException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CorsPolicyTest {

    final CorsPolicy policy = CorsPolicy.parse(" https://www.example.com/ , https://example.com ,http://localhost:8080",
            Optional.of("https://api.example.com/prod"));

    @Test
    void allowsTheConfiguredOriginsAndTheApisOwn() {
        assertThat(policy.allows("https://www.example.com")).isTrue();
        assertThat(policy.allows("https://example.com:443")).isTrue();
        assertThat(policy.allows("HTTPS://EXAMPLE.COM")).isTrue();
        assertThat(policy.allows("http://localhost:8080")).isTrue();
        assertThat(policy.allows("https://api.example.com")).isTrue();
    }

    @Test
    void refusesEverythingElse() {
        assertThat(policy.allows("https://evil.example")).isFalse();
        assertThat(policy.allows("http://www.example.com")).isFalse();
        assertThat(policy.allows("https://www.example.com.evil.example")).isFalse();
        assertThat(policy.allows("http://localhost:8081")).isFalse();
        assertThat(policy.allows("null")).isFalse();
        assertThat(policy.allows("")).isFalse();
        assertThat(policy.headers(Optional.of("https://evil.example"))).containsOnlyKeys("Vary");
        assertThat(policy.preflight(Optional.of("https://evil.example"))).containsOnlyKeys("Vary");
        assertThat(policy.headers(Optional.empty())).containsOnlyKeys("Vary");
    }

    @Test
    void echoesAnAllowedOriginWithThePreflightAnswer() {
        assertThat(policy.preflight(Optional.of("https://www.example.com")))
                .containsEntry("Access-Control-Allow-Origin", "https://www.example.com")
                .containsEntry("Access-Control-Allow-Methods", "POST, OPTIONS")
                .containsEntry("Access-Control-Allow-Headers", "Content-Type")
                .containsEntry("Access-Control-Max-Age", "600");
        assertThat(policy.headers(Optional.of("https://www.example.com")))
                .containsEntry("Access-Control-Allow-Origin", "https://www.example.com")
                .containsEntry("Access-Control-Expose-Headers", "Retry-After");
    }

    @Test
    void aStarAllowsAnyRealOrigin() {
        CorsPolicy any = CorsPolicy.parse("*", Optional.empty());
        assertThat(any.allows("https://anything.example")).isTrue();
        assertThat(any.allows("null")).isFalse();
    }

    @Test
    void aMalformedEntryFailsTheColdStart() {
        assertThatThrownBy(() -> CorsPolicy.parse("www.example.com", Optional.empty()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ALLOWED_ORIGINS");
    }
}
