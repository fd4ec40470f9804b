package dev.switchboard.local.scenarios.quotes;

import static dev.switchboard.local.scenarios.quotes.ScenarioStack.newPhone;
import static dev.switchboard.local.scenarios.quotes.ScenarioStack.quoteJson;
import static dev.switchboard.local.scenarios.quotes.ScenarioStack.s;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The per-address limit, on a stack of its own (every local request comes from 127.0.0.1). */
class QuoteRateLimitIT {

    static ScenarioStack env;

    @BeforeAll
    static void start() {
        env = ScenarioStack.start(Map.of("QUOTE_RATE_LIMIT_PER_IP_PER_HOUR", "3"), List.of("QuoteFunction"));
    }

    @AfterAll
    static void stop() {
        if (env != null) {
            env.close();
        }
    }

    @Test
    void oneAddressGetsThreeQuotesAnHourHereThen429WithRetryAfter() {
        for (int i = 0; i < 3; i++) {
            assertThat(env.postJsonQuote(quoteJson(newPhone(), false)).statusCode()).as("quote " + (i + 1)).isEqualTo(200);
        }
        String victim = newPhone();
        HttpResponse<String> refused = env.postJsonQuote(quoteJson(victim, false));
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 3600L);
        assertThat(env.itemsStartingWith("RATE#ip#127.0.0.1")).singleElement()
                .satisfies(counter -> assertThat(s(counter, "count")).isEqualTo("3"));
        // Refused before the phone was counted or anything stored.
        assertThat(env.itemsStartingWith("RATE#phone#" + victim)).isEmpty();
        assertThat(env.leadsOf(victim)).isEmpty();
    }
}
