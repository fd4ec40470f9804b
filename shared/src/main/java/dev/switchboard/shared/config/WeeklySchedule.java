package dev.switchboard.shared.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A line's opening hours: for each day of the week, zero or more {@code HH:mm-HH:mm} ranges in the line's
 * own time zone. A day that is not listed is closed. A range whose end is before its start runs past
 * midnight; {@code 24:00} means end of day. Holidays are closed all day.
 *
 * <p>JSON form: {@code {"mon": "08:00-17:00", "sat": ["09:00-12:00"], "sun": []}}.
 */
public final class WeeklySchedule {

    /** One opening range; {@code end == null} means midnight at the end of the day. */
    record Range(LocalTime start, LocalTime end) {
        boolean overnight() {
            return end != null && end.isBefore(start);
        }
    }

    private final Map<DayOfWeek, List<Range>> days;

    private WeeklySchedule(Map<DayOfWeek, List<Range>> days) {
        this.days = days;
    }

    public static WeeklySchedule parse(String setting, JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new ConfigException(setting + " hours must be an object like {\"mon\": \"08:00-17:00\"}");
        }
        Map<DayOfWeek, List<Range>> days = new EnumMap<>(DayOfWeek.class);
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            DayOfWeek day = day(setting, field.getKey());
            List<String> specs = new ArrayList<>();
            JsonNode value = field.getValue();
            if (value.isTextual()) {
                for (String part : value.asText().split(",")) {
                    if (!part.isBlank()) {
                        specs.add(part.trim());
                    }
                }
            } else if (value.isArray()) {
                value.forEach(v -> specs.add(v.asText().trim()));
            } else if (!value.isNull()) {
                throw new ConfigException(setting + " hours for " + field.getKey()
                        + " must be a string or a list of \"HH:mm-HH:mm\" ranges");
            }
            List<Range> ranges = new ArrayList<>();
            for (String spec : specs) {
                ranges.add(range(setting, field.getKey(), spec));
            }
            days.put(day, List.copyOf(ranges));
        }
        return new WeeklySchedule(days);
    }

    /** Whether the business is open at {@code when}, seen in {@code zone}. */
    public boolean isOpen(ZonedDateTime when, ZoneId zone, Set<LocalDate> holidays) {
        ZonedDateTime local = when.withZoneSameInstant(zone);
        LocalDate date = local.toLocalDate();
        LocalTime time = local.toLocalTime();
        if (!holidays.contains(date)) {
            for (Range range : days.getOrDefault(local.getDayOfWeek(), List.of())) {
                boolean afterStart = !time.isBefore(range.start());
                boolean beforeEnd = range.end() == null || range.overnight() || time.isBefore(range.end());
                if (afterStart && beforeEnd) {
                    return true;
                }
            }
        }
        // The early-morning part of yesterday's overnight range (yesterday was not a holiday).
        if (!holidays.contains(date.minusDays(1))) {
            for (Range range : days.getOrDefault(local.getDayOfWeek().minus(1), List.of())) {
                if (range.overnight() && time.isBefore(range.end())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static DayOfWeek day(String setting, String key) {
        String k = key.trim().toLowerCase(Locale.ROOT);
        for (DayOfWeek day : DayOfWeek.values()) {
            String name = day.name().toLowerCase(Locale.ROOT);
            if (k.equals(name) || k.equals(name.substring(0, 3))) {
                return day;
            }
        }
        throw new ConfigException(setting + " hours has an unknown day '" + key + "' (use mon, tue, ... sun)");
    }

    private static Range range(String setting, String day, String spec) {
        String[] parts = spec.split("-");
        if (parts.length != 2) {
            throw new ConfigException(setting + " hours for " + day + " has '" + spec
                    + "', expected HH:mm-HH:mm");
        }
        LocalTime start = time(setting, day, parts[0].trim(), false);
        LocalTime end = time(setting, day, parts[1].trim(), true);
        if (end != null && end.equals(start)) {
            throw new ConfigException(setting + " hours for " + day + " has an empty range '" + spec + "'");
        }
        return new Range(start, end);
    }

    private static LocalTime time(String setting, String day, String text, boolean end) {
        if (end && text.equals("24:00")) {
            return null;
        }
        try {
            return LocalTime.parse(text.length() == 4 ? "0" + text : text);
        } catch (java.time.format.DateTimeParseException e) {
            throw new ConfigException(setting + " hours for " + day + " has '" + text
                    + "', expected a time like 08:00");
        }
    }
}
