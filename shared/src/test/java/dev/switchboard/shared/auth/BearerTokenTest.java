package dev.switchboard.shared.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.shared.config.ConfigException;
import dev.switchboard.shared.config.Env;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.testing.CapturedLogs;
import dev.switchboard.shared.testing.EditableParameterStore;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.event.Level;
import org.junit.jupiter.api.Test;

class BearerTokenTest {

    final BearerToken token = new BearerToken("sample-recordings-token-0123456789");

    @Test
    void onlyTheExactBearerTokenIsAccepted() {
        assertThat(token.accepts(Optional.of("Bearer sample-recordings-token-0123456789"))).isTrue();
        assertThat(token.accepts(Optional.of("bearer sample-recordings-token-0123456789"))).isTrue();
        assertThat(token.accepts(Optional.of("Bearer sample-recordings-token-012345678"))).isFalse();
        assertThat(token.accepts(Optional.of("Bearer sample-recordings-token-01234567890"))).isFalse();
        assertThat(token.accepts(Optional.of("Basic sample-recordings-token-0123456789"))).isFalse();
        assertThat(token.accepts(Optional.of("sample-recordings-token-0123456789"))).isFalse();
        assertThat(token.accepts(Optional.of("Bearer "))).isFalse();
        assertThat(token.accepts(Optional.empty())).isFalse();
    }

    @Test
    void aShortTokenIsRefused() {
        assertThatThrownBy(() -> new BearerToken("short")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theOwnTokenIsTheRawValueTheLiveTokenAcceptsAndFollowsARotation() {
        EditableParameterStore ssm = new EditableParameterStore().put("/sb/recordings-token", "first-recordings-token-0123");
        Settings settings = new Settings(Env.of(Map.of("RECORDINGS_TOKEN_PARAMETER", "/sb/recordings-token")), ssm);
        Supplier<BearerToken> live = BearerToken.fromSettings(settings);
        Supplier<String> own = BearerToken.ownToken(settings);
        assertThat(live.get().accepts(Optional.of("Bearer " + own.get()))).isTrue();

        ssm.put("/sb/recordings-token", "second-recordings-token-0123");
        assertThat(own.get()).isEqualTo("second-recordings-token-0123");
        assertThat(live.get().accepts(Optional.of("Bearer " + own.get()))).isTrue();
    }

    @Test
    void aTokenRotatedInSsmIsTheOneAcceptedAndATooShortOneKeepsItWithOneError() {
        EditableParameterStore ssm = new EditableParameterStore().put("/sb/recordings-token", "first-recordings-token-0123");
        Settings settings = new Settings(Env.of(Map.of("RECORDINGS_TOKEN_PARAMETER", "/sb/recordings-token")), ssm);
        Supplier<BearerToken> live = BearerToken.fromSettings(settings);
        assertThat(live.get().accepts(Optional.of("Bearer first-recordings-token-0123"))).isTrue();

        ssm.put("/sb/recordings-token", "second-recordings-token-0123");
        assertThat(live.get().accepts(Optional.of("Bearer second-recordings-token-0123"))).isTrue();
        assertThat(live.get().accepts(Optional.of("Bearer first-recordings-token-0123"))).isFalse();

        try (CapturedLogs logs = CapturedLogs.start()) {
            ssm.put("/sb/recordings-token", "short");
            for (int i = 0; i < 3; i++) {
                assertThat(live.get().accepts(Optional.of("Bearer second-recordings-token-0123"))).isTrue();
                assertThat(live.get().accepts(Optional.of("Bearer short"))).isFalse();
            }
            assertThat(logs.at(Level.ERROR)).singleElement().satisfies(line -> assertThat(line.text())
                    .startsWith("RECORDINGS_TOKEN changed").doesNotContain("short"));
        }
    }

    @Test
    void aShortTokenFailsTheColdStartWithOneLine() {
        EditableParameterStore ssm = new EditableParameterStore().put("/sb/recordings-token", "short");
        assertThatThrownBy(() -> BearerToken.fromSettings(new Settings(Env.of(Map.of(
                "RECORDINGS_TOKEN_PARAMETER", "/sb/recordings-token")), ssm)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("RECORDINGS_TOKEN must be at least 16 characters (e.g. openssl rand -hex 32)");
    }
}
