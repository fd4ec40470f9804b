package dev.switchboard.quote;

import java.time.Duration;
import java.time.Instant;

/**
 * At most {@code limit} requests per {@code window} for each key of a scope ({@code ip}, {@code phone}),
 * counted in fixed windows aligned to the epoch (for an hour: 14:00-15:00 UTC). A fixed window lets a
 * client burst up to twice the limit around a window boundary; for a quote form that is fine, and it
 * costs one conditional write per rule.
 *
 * @param limit 0 turns the rule off
 */
public record RateLimitRule(String scope, int limit, Duration window) {

    public RateLimitRule {
        if (limit < 0 || window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("a rate limit needs limit >= 0 and a positive window");
        }
    }

    public boolean enabled() {
        return limit > 0;
    }

    public Instant windowStart(Instant now) {
        long size = window.getSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(now.getEpochSecond(), size) * size);
    }

    public Instant windowEnd(Instant now) {
        return windowStart(now).plus(window);
    }

    /** The counter's sort key: the window's start, e.g. {@code 2026-11-23T14:00:00Z}. */
    public String windowKey(Instant now) {
        return windowStart(now).toString();
    }

    /** The counter's partition key, e.g. {@code RATE#phone#+15551234567}. */
    public String counterKey(String key) {
        return "RATE#" + scope + "#" + key;
    }

    /** Seconds until the current window ends (at least 1), for {@code Retry-After}. */
    public Duration retryAfter(Instant now) {
        long seconds = windowEnd(now).getEpochSecond() - now.getEpochSecond();
        return Duration.ofSeconds(Math.max(1, seconds));
    }
}
