package dev.switchboard.emulators;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code ScheduleV2} (EventBridge Scheduler) or {@code Schedule} event of a function.
 *
 * @param expression {@code rate(15 minutes)}, {@code cron(...)} or {@code at(...)}, unresolved if an intrinsic
 * @param input      the {@code Input} the target receives (JSON text, may hold
 *                   {@code <aws.scheduler.scheduled-time>}), unresolved; empty when none
 */
public record ScheduleEvent(String functionLogicalId, String eventName, String type, Object expression,
        Optional<Object> input, boolean enabled) {

    private static final Pattern RATE = Pattern.compile("rate\\(\\s*(\\d+)\\s+(minute|minutes|hour|hours|day|days)\\s*\\)");

    /** The period of a {@code rate(...)} expression; empty for {@code cron}/{@code at} (not fired locally). */
    public static Optional<Duration> ratePeriod(String expression) {
        Matcher m = RATE.matcher(expression.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        if (n < 1) {
            return Optional.empty();
        }
        return Optional.of(switch (m.group(2)) {
            case "minute", "minutes" -> Duration.ofMinutes(n);
            case "hour", "hours" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        });
    }
}
