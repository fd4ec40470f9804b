package dev.switchboard.local;

import dev.switchboard.shared.config.MovableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The local stack's time, shared by every function in this JVM (their {@code Settings.clock()} is a
 * {@link MovableClock}) and by the stack's schedules: real time plus an offset that tests move forward to
 * see a reminder, a summary or a deadline happen without waiting.
 */
public final class LocalClock {

    private LocalClock() {
    }

    /** The clock functions and schedules use. */
    public static Clock clock() {
        return MovableClock.systemUtc();
    }

    public static Instant now() {
        return clock().instant();
    }

    /** Moves every function's time forward (or back, with a negative duration). */
    public static synchronized void advance(Duration by) {
        set(offset().plus(by));
    }

    /** Makes it {@code instant} now (approximately: real time keeps running from there). */
    public static synchronized void setNow(Instant instant) {
        set(Duration.between(Instant.now(), instant));
    }

    /** Back to real time. */
    public static synchronized void reset() {
        System.clearProperty(MovableClock.OFFSET_PROPERTY);
    }

    public static Duration offset() {
        return Duration.ofMillis(Long.getLong(MovableClock.OFFSET_PROPERTY, 0L));
    }

    private static void set(Duration offset) {
        System.setProperty(MovableClock.OFFSET_PROPERTY, Long.toString(offset.toMillis()));
    }
}
