package dev.switchboard.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.shared.config.ConfigException;
import dev.switchboard.shared.config.LinesJson;
import dev.switchboard.shared.config.Settings;
import java.util.HashMap;
import java.util.Map;

/**
 * The customer-text settings of each line: its {@code templates}, {@code quietHours} and {@code reminders} in
 * {@code LINES}, else the globals {@code TEXT_TEMPLATES}, {@code QUIET_HOURS} ({@code "21:00-08:00"}) and
 * {@code REMINDERS} ({@code ["24h","2h"]}). {@code Lines} reserves the keys; they are parsed here.
 */
public record NotifyOptions(TextTemplates templates, QuietHours defaultQuietHours, Map<String, QuietHours> quietHours,
                            Reminders defaultReminders, Map<String, Reminders> reminders) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public QuietHours quietHours(String line) {
        return quietHours.getOrDefault(line, defaultQuietHours);
    }

    public Reminders reminders(String line) {
        return reminders.getOrDefault(line, defaultReminders);
    }

    public static NotifyOptions defaults() {
        return new NotifyOptions(TextTemplates.defaultsOnly(), QuietHours.DEFAULT, Map.of(), Reminders.DEFAULT, Map.of());
    }

    /** Reads the settings; a malformed value is a {@link ConfigException} naming it. */
    public static NotifyOptions parse(Settings settings) {
        JsonNode globalTemplates = settings.optional("TEXT_TEMPLATES").map(v -> json("TEXT_TEMPLATES", v)).orElse(null);
        QuietHours quiet = settings.optional("QUIET_HOURS").map(v -> QuietHours.parse("QUIET_HOURS", v))
                .orElse(QuietHours.DEFAULT);
        Reminders reminders = settings.optional("REMINDERS").map(v -> Reminders.parse("REMINDERS", json("REMINDERS", v)))
                .orElse(Reminders.DEFAULT);
        Map<String, JsonNode> lineTemplates = new HashMap<>();
        Map<String, QuietHours> lineQuiet = new HashMap<>();
        Map<String, Reminders> lineReminders = new HashMap<>();
        for (Map.Entry<String, ? extends JsonNode> line : lineObjects(settings).entrySet()) {
            String where = "LINES[" + line.getKey() + "]";
            JsonNode node = line.getValue();
            if (node.hasNonNull("templates")) {
                lineTemplates.put(line.getKey(), node.get("templates"));
            }
            if (node.hasNonNull("quietHours")) {
                JsonNode q = node.get("quietHours");
                if (!q.isTextual()) {
                    throw new ConfigException(where + ".quietHours must be like \"21:00-08:00\" or \"off\"");
                }
                lineQuiet.put(line.getKey(), QuietHours.parse(where + ".quietHours", q.asText()));
            }
            if (node.hasNonNull("reminders")) {
                lineReminders.put(line.getKey(), Reminders.parse(where + ".reminders", node.get("reminders")));
            }
        }
        return new NotifyOptions(TextTemplates.parse(globalTemplates, lineTemplates), quiet, Map.copyOf(lineQuiet),
                reminders, Map.copyOf(lineReminders));
    }

    /** Each line's raw object in {@code LINES} (its keys are checked by {@code LinesJson}). */
    static Map<String, ? extends JsonNode> lineObjects(Settings settings) {
        return LinesJson.lineObjects(settings);
    }

    private static JsonNode json(String name, String raw) {
        try {
            return JSON.readTree(raw);
        } catch (JsonProcessingException e) {
            throw new ConfigException(name + " is not valid JSON");
        }
    }
}
