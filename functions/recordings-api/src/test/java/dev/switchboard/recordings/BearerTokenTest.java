package dev.switchboard.recordings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
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
}
