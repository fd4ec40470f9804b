package dev.switchboard.notify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.shared.config.ConfigException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long before an appointment its reminders go: a line's {@code reminders} ({@code ["24h", "2h"]}, the
 * default; {@code "30m"}, {@code "2d"} also read; {@code []} for none).
 */
public record Reminders(List<Duration> before) {

    public static final Reminders DEFAULT = new Reminders(List.of(Duration.ofHours(24), Duration.ofHours(2)));
    private static final Pattern ONE = Pattern.compile("(\\d{1,4})\\s*([mhd])");

    public static Reminders parse(String where, JsonNode node) {
        if (node == null || !node.isArray()) {
            throw new ConfigException(where + " must be a list like [\"24h\", \"2h\"]");
        }
        List<Duration> out = new ArrayList<>();
        for (JsonNode item : node) {
            Matcher m = ONE.matcher(item.isTextual() ? item.asText().strip().toLowerCase(java.util.Locale.ROOT) : "");
            if (!m.matches()) {
                throw new ConfigException(where + " has '" + item.asText() + "'; write each like \"24h\", \"2h\" or \"30m\"");
            }
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            if (d.isZero() || d.compareTo(Duration.ofDays(30)) > 0) {
                throw new ConfigException(where + " has '" + item.asText() + "'; between 1m and 30d");
            }
            if (!out.contains(d)) {
                out.add(d);
            }
        }
        return new Reminders(List.copyOf(out));
    }
}
