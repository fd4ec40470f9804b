package dev.switchboard.shared.config;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The local stack's clock: UTC now plus the JVM system property {@value #OFFSET_PROPERTY} (milliseconds,
 * read at every call), so a test can move every function's time at once (reminders, daily summaries,
 * deadlines) without waiting. Only ever used where the local stack sets
 * {@code SWITCHBOARD_LOCAL_CLOCK=movable}; in AWS {@link Settings#clock()} is {@link Clock#systemUTC()}.
 */
public final class MovableClock extends Clock {

    public static final String OFFSET_PROPERTY = "switchboard.local.clockOffsetMillis";
    static final MovableClock UTC = new MovableClock(ZoneOffset.UTC);

    private final ZoneId zone;

    /** The movable clock in UTC. */
    public static MovableClock systemUtc() {
        return UTC;
    }

    private MovableClock(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new MovableClock(zone);
    }

    @Override
    public long millis() {
        return System.currentTimeMillis() + Long.getLong(OFFSET_PROPERTY, 0L);
    }

    @Override
    public Instant instant() {
        return Instant.now().plusMillis(Long.getLong(OFFSET_PROPERTY, 0L));
    }
}
