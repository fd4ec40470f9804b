package dev.switchboard.shared.queue;

import java.time.Duration;
import java.util.Optional;

/**
 * A job that failed for now (timeout, 5xx, 429, a 404 on a recording that is not ready yet): it is
 * retried through the queue after a backoff, and ends in the DLQ after the queue's maxReceiveCount.
 */
public class RetryLater extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Duration minimumDelay;

    public RetryLater(String reason) {
        this(reason, null, null);
    }

    public RetryLater(String reason, Throwable cause) {
        this(reason, cause, null);
    }

    /** @param minimumDelay e.g. a provider's Retry-After */
    public RetryLater(String reason, Throwable cause, Duration minimumDelay) {
        super(reason, cause);
        this.minimumDelay = minimumDelay;
    }

    public Optional<Duration> minimumDelay() {
        return Optional.ofNullable(minimumDelay);
    }
}
