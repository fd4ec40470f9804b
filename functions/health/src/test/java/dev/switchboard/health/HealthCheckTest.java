package dev.switchboard.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The probe cache: one read per period, failures remembered as long as successes. */
class HealthCheckTest {

    Instant now = Instant.parse("2026-11-22T20:00:00Z");
    int reads;
    RuntimeException outage;

    final HealthCheck check = new HealthCheck(() -> {
        reads++;
        if (outage != null) {
            throw outage;
        }
    }, () -> now, Duration.ofSeconds(5));

    @Test
    void aTableThatAnswersIsOk() {
        HealthCheck.Result result = check.check();

        assertThat(result.table()).isEqualTo(TableStatus.OK);
        assertThat(result.healthy()).isTrue();
        assertThat(result.checkedAt()).isEqualTo(now);
        assertThat(reads).isEqualTo(1);
    }

    @Test
    void aTableThatThrowsIsUnavailable() {
        outage = new IllegalStateException("Unable to execute HTTP request: Connection refused");

        HealthCheck.Result result = check.check();

        assertThat(result.table()).isEqualTo(TableStatus.UNAVAILABLE);
        assertThat(result.healthy()).isFalse();
    }

    @Test
    void oneReadAnswersEveryCheckWithinThePeriod() {
        check.check();
        now = now.plusMillis(4_999);
        outage = new IllegalStateException("down");

        assertThat(check.check().table()).isEqualTo(TableStatus.OK);
        assertThat(reads).isEqualTo(1);

        now = now.plusMillis(1);
        assertThat(check.check().table()).isEqualTo(TableStatus.UNAVAILABLE);
        assertThat(reads).isEqualTo(2);
    }

    @Test
    void aFailureIsRememberedForThePeriodTooAndRecoveryShowsAfterIt() {
        outage = new IllegalStateException("down");
        check.check();
        outage = null;
        now = now.plusSeconds(3);

        assertThat(check.check().table()).isEqualTo(TableStatus.UNAVAILABLE);
        assertThat(reads).isEqualTo(1);

        now = now.plusSeconds(2);
        HealthCheck.Result recovered = check.check();
        assertThat(recovered.table()).isEqualTo(TableStatus.OK);
        assertThat(recovered.checkedAt()).isEqualTo(now);
        assertThat(reads).isEqualTo(2);
    }
}
