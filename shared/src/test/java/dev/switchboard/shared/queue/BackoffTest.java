package dev.switchboard.shared.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class BackoffTest {

    final Backoff backoff = new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(15));

    @RepeatedTest(20)
    void eachAttemptWaitsAboutTwiceAsLongWithTwentyPercentJitter() {
        assertThat(backoff.delayFor(1).getSeconds()).isBetween(24L, 36L);
        assertThat(backoff.delayFor(2).getSeconds()).isBetween(48L, 72L);
        assertThat(backoff.delayFor(3).getSeconds()).isBetween(96L, 144L);
    }

    @RepeatedTest(20)
    void theDelayNeverPassesTheMaximum() {
        assertThat(backoff.delayFor(6)).isLessThanOrEqualTo(Duration.ofMinutes(15));
        assertThat(backoff.delayFor(1000)).isLessThanOrEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void noMaximumPassesSqssTwelveHourVisibilityLimit() {
        Backoff generous = new Backoff(Duration.ofHours(1), Duration.ofDays(2));
        assertThat(generous.delayFor(30)).isLessThanOrEqualTo(Duration.ofHours(12));
    }

    @Test
    void aZeroOrOneSecondBaseHasNoJitterAndAnAttemptBelowOneCountsAsTheFirst() {
        assertThat(new Backoff(Duration.ZERO, Duration.ofMinutes(1)).delayFor(5)).isEqualTo(Duration.ZERO);
        assertThat(new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1)).delayFor(0)).isEqualTo(Duration.ofSeconds(1));
    }
}
