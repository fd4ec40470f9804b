package dev.switchboard.notify;

import dev.switchboard.shared.config.ConfigException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * When a line does not text customers: from {@code start} until {@code end} in the line's time zone
 * ({@code "21:00-08:00"}, the default, spans midnight). {@link #NONE} never is quiet.
 */
public record QuietHours(Optional<LocalTime> start, Optional<LocalTime> end) {

    public static final QuietHours DEFAULT = new QuietHours(Optional.of(LocalTime.of(21, 0)), Optional.of(LocalTime.of(8, 0)));
    public static final QuietHours NONE = new QuietHours(Optional.empty(), Optional.empty());

    /** {@code "21:00-08:00"}, or {@code "off"} / {@code "none"} for none. */
    public static QuietHours parse(String where, String raw) {
        String value = raw.strip();
        if (value.equalsIgnoreCase("off") || value.equalsIgnoreCase("none")) {
            return NONE;
        }
        String[] parts = value.split("\\s*-\\s*");
        try {
            if (parts.length == 2) {
                LocalTime start = LocalTime.parse(parts[0]);
                LocalTime end = LocalTime.parse(parts[1]);
                if (!start.equals(end)) {
                    return new QuietHours(Optional.of(start), Optional.of(end));
                }
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw new ConfigException(where + " must be like \"21:00-08:00\" (start-end in the line's time zone) or"
                + " \"off\", got '" + raw + "'");
    }

    /** Whether {@code at} falls in the quiet hours in {@code zone}. */
    public boolean quiet(Instant at, ZoneId zone) {
        if (start.isEmpty()) {
            return false;
        }
        LocalTime t = at.atZone(zone).toLocalTime();
        LocalTime s = start.get();
        LocalTime e = end.get();
        return s.isBefore(e) ? !t.isBefore(s) && t.isBefore(e) : !t.isBefore(s) || t.isBefore(e);
    }

    /** When a text due at {@code at} may go: {@code at} itself, or the end of the quiet hours it falls in. */
    public Instant nextAllowed(Instant at, ZoneId zone) {
        if (!quiet(at, zone)) {
            return at;
        }
        ZonedDateTime local = at.atZone(zone);
        ZonedDateTime end = local.with(this.end.get()).withSecond(0).withNano(0);
        if (!end.isAfter(local)) {
            end = end.plusDays(1).with(this.end.get());
        }
        return end.toInstant();
    }

    @Override
    public String toString() {
        return start.map(s -> s + "-" + end.get()).orElse("off");
    }
}
