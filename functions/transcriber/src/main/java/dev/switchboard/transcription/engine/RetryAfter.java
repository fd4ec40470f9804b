package dev.switchboard.transcription.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** A {@code Retry-After} header: delay-seconds or an HTTP date. */
final class RetryAfter {

    private static final Duration MAX = Duration.ofHours(12);

    private RetryAfter() {
    }

    static Optional<Duration> parse(String header, Clock clock) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.trim();
        try {
            long seconds = (long) Math.ceil(Double.parseDouble(value));
            return Optional.of(cap(Duration.ofSeconds(Math.max(0, seconds))));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(clock.instant(), at.toInstant());
                return Optional.of(cap(wait.isNegative() ? Duration.ZERO : wait));
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    private static Duration cap(Duration d) {
        return d.compareTo(MAX) > 0 ? MAX : d;
    }
}
