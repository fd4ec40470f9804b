package dev.switchboard.shared.queue;

import java.security.SecureRandom;
import java.time.Duration;

/**
 * Exponential backoff with jitter for retries through the queue: attempt n waits about
 * {@code base * 2^(n-1)}, capped at {@code max} (and at SQS's 12-hour visibility limit).
 */
public record Backoff(Duration base, Duration max) {

    private static final long SQS_MAX_VISIBILITY_SECONDS = 43_200;
    /**
     * Not ThreadLocalRandom: its per-thread seed is made at init and would be the same in every environment a
     * SnapStart snapshot resumes, so they would all jitter alike. SecureRandom stays unique after a restore.
     */
    private static final SecureRandom JITTER = new SecureRandom();

    public Duration delayFor(int attempt) {
        long baseSeconds = Math.max(0, base.getSeconds());
        long cap = Math.min(max.getSeconds(), SQS_MAX_VISIBILITY_SECONDS);
        int exponent = Math.min(Math.max(attempt, 1) - 1, 20);
        long raw = Math.min(cap, baseSeconds << exponent);
        if (raw <= 1) {
            return Duration.ofSeconds(raw);
        }
        // +-20 % jitter so jobs that failed together do not retry together.
        long jitter = Math.round(raw * 0.2);
        long delay = raw - jitter + JITTER.nextLong(2 * jitter + 1);
        return Duration.ofSeconds(Math.min(cap, Math.max(0, delay)));
    }
}
