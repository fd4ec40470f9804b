package dev.switchboard.shared.http;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A {@code Retry-After} header (RFC 9110): delay-seconds or an HTTP date, never more than SQS can delay a
 * message (12 hours) and never negative. Empty when there is no header or it cannot be read: the queue's own
 * backoff then applies.
 */
public final class RetryAfter {

    /** SQS's longest visibility timeout. */
    public static final Duration MAX = Duration.ofHours(12);

    private RetryAfter() {
    }

    public static Optional<Duration> parse(String header, Clock clock) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.trim();
        try {
            long seconds = (long) Math.ceil(Double.parseDouble(value));
            return Optional.of(bounded(Duration.ofSeconds(seconds)));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                return Optional.of(bounded(Duration.between(clock.instant(), at.toInstant())));
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    private static Duration bounded(Duration wait) {
        return wait.isNegative() ? Duration.ZERO : wait.compareTo(MAX) > 0 ? MAX : wait;
    }
}
