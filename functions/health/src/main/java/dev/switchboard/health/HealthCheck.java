package dev.switchboard.health;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether storage answers, probed at most once per {@code cacheFor}: an uptime checker polling every few
 * seconds (or several at once) costs one table read per container per period, and an outage is reported
 * within that period. A failed probe is remembered just as long, so a storm of checks during an outage
 * does not pile reads onto a struggling table.
 */
public final class HealthCheck {

    private static final Logger LOG = LoggerFactory.getLogger(HealthCheck.class);

    private final TableProbe table;
    private final InstantSource clock;
    private final Duration cacheFor;
    private Result last;

    /** The outcome of one probe and when it was made. */
    public record Result(TableStatus table, Instant checkedAt) {

        public boolean healthy() {
            return table == TableStatus.OK;
        }
    }

    public HealthCheck(TableProbe table, InstantSource clock, Duration cacheFor) {
        this.table = table;
        this.clock = clock;
        this.cacheFor = cacheFor;
    }

    public synchronized Result check() {
        Instant now = clock.instant();
        if (last != null && now.isBefore(last.checkedAt().plus(cacheFor))) {
            return last;
        }
        TableStatus status;
        try {
            table.read();
            status = TableStatus.OK;
        } catch (RuntimeException e) {
            LOG.warn("Health check: the table does not answer: {}", e.toString());
            status = TableStatus.UNAVAILABLE;
        }
        last = new Result(status, now);
        return last;
    }
}
