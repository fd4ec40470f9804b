package dev.switchboard.shared.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HttpProblemTest {

    @Test
    void aBearerChallengeNamesTheRealmAndTheErrorWhenThereIsOne() {
        HttpProblem plain = HttpProblem.bearerChallenge("switchboard-notify", null);
        assertThat(plain.status()).isEqualTo(401);
        assertThat(plain.getMessage()).isEqualTo("Unauthorized");
        assertThat(plain.headers()).containsExactlyEntriesOf(
                java.util.Map.of("WWW-Authenticate", "Bearer realm=\"switchboard-notify\""));

        assertThat(HttpProblem.bearerChallenge("switchboard-recordings", "invalid_token").headers())
                .containsEntry("WWW-Authenticate", "Bearer realm=\"switchboard-recordings\", error=\"invalid_token\"");
        assertThat(HttpProblem.bearerChallenge("switchboard-recordings", "invalid_token").toResponse().getStatusCode())
                .isEqualTo(401);
    }
}
