package dev.switchboard.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.emulators.SamTemplate;
import dev.switchboard.emulators.ScheduleEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LocalSchedulerTest {

    @Test
    void rateExpressionsHaveAPeriodAndOthersAreNotFiredLocally() {
        assertThat(ScheduleEvent.ratePeriod("rate(1 minute)")).contains(Duration.ofMinutes(1));
        assertThat(ScheduleEvent.ratePeriod("rate(15 minutes)")).contains(Duration.ofMinutes(15));
        assertThat(ScheduleEvent.ratePeriod("rate(2 hours)")).contains(Duration.ofHours(2));
        assertThat(ScheduleEvent.ratePeriod("rate(1 day)")).contains(Duration.ofDays(1));
        assertThat(ScheduleEvent.ratePeriod("rate(0 minutes)")).isEmpty();
        assertThat(ScheduleEvent.ratePeriod("cron(30 7 * * ? *)")).isEmpty();
        assertThat(ScheduleEvent.ratePeriod("at(2026-12-02T10:00:00)")).isEmpty();
    }

    @Test
    void theInputCarriesTheScheduledTime() {
        Instant at = Instant.parse("2026-12-02T12:30:05.123Z");
        assertThat(LocalScheduler.eventFor("{\"time\": \"<aws.scheduler.scheduled-time>\", \"n\": 1}", at))
                .isEqualTo(Map.of("time", "2026-12-02T12:30:05Z", "n", 1));
        assertThat(LocalScheduler.eventFor(null, at)).isEqualTo(Map.of());
        assertThat(LocalScheduler.eventFor("plain", at)).isEqualTo("plain");
    }

    @Test
    void theTemplatesScheduleEventsAreRead() {
        SamTemplate template = SamTemplate.load(TestPaths.resource("test-template.yaml"));
        assertThat(template.function("ScheduledFunction").orElseThrow().schedules())
                .extracting(ScheduleEvent::eventName, ScheduleEvent::expression, ScheduleEvent::input)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("EveryFiveMinutes", "rate(5 minutes)",
                                Optional.of("{\"scheduledTime\": \"<aws.scheduler.scheduled-time>\"}")),
                        org.assertj.core.groups.Tuple.tuple("Nightly", "cron(0 3 * * ? *)", Optional.empty()));
    }

    @Test
    void theMovableClockMovesAndComesBack() {
        try {
            Instant real = Instant.now();
            LocalClock.advance(Duration.ofDays(3));
            assertThat(LocalClock.now()).isAfterOrEqualTo(real.plus(Duration.ofDays(3)));
            assertThat(dev.switchboard.shared.config.Settings.of(Map.of("SWITCHBOARD_LOCAL_CLOCK", "movable")).clock().instant())
                    .isAfterOrEqualTo(real.plus(Duration.ofDays(3)));
            assertThat(dev.switchboard.shared.config.Settings.of(Map.of()).clock().instant())
                    .isBefore(real.plus(Duration.ofDays(1)));
        } finally {
            LocalClock.reset();
        }
        assertThat(LocalClock.offset()).isZero();
    }
}
