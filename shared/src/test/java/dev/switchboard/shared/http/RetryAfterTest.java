package dev.switchboard.shared.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T20:00:00Z"), ZoneOffset.UTC);

    @Test
    void retryAfterIsReadAsSecondsOrAnHttpDate() {
        assertThat(RetryAfter.parse("30", CLOCK)).contains(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("1.5", CLOCK)).contains(Duration.ofSeconds(2));
        assertThat(RetryAfter.parse("Sun, 22 Nov 2026 20:02:00 GMT", CLOCK)).contains(Duration.ofMinutes(2));
        assertThat(RetryAfter.parse("soon", CLOCK)).isEmpty();
        assertThat(RetryAfter.parse(null, CLOCK)).isEmpty();
        assertThat(List.of(RetryAfter.parse("999999", CLOCK).orElseThrow())).containsExactly(Duration.ofHours(12));
    }

    @Test
    void aDateInThePastOrANegativeDelayMeansNow() {
        assertThat(RetryAfter.parse("Sun, 22 Nov 2026 19:00:00 GMT", CLOCK)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("-5", CLOCK)).contains(Duration.ZERO);
    }
}
