package dev.switchboard.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.shared.alerts.AlertSettings;
import dev.switchboard.shared.config.ConfigException;
import dev.switchboard.shared.config.Lines;
import dev.switchboard.shared.config.LiveSetting;
import dev.switchboard.shared.config.Settings;
import java.util.LinkedHashMap;
import java.util.Map;

/** The alert settings, live: re-parsed when {@code LINES} or an alert setting changes in SSM. */
final class AlertSettingsSource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AlertSettingsSource() {
    }

    static LiveSetting<AlertSettings> live(Settings settings, Lines lines) {
        return settings.live(s -> AlertSettings.parse(s, lines, lineObjects(s)));
    }

    /** The raw per-line objects of {@code LINES} (Lines itself has checked the shape). */
    static Map<String, JsonNode> lineObjects(Settings settings) {
        Map<String, JsonNode> objects = new LinkedHashMap<>();
        settings.optional("LINES").ifPresent(raw -> {
            JsonNode root;
            try {
                root = JSON.readTree(raw);
            } catch (Exception e) {
                throw new ConfigException("LINES is not valid JSON");
            }
            if (root != null && root.isObject()) {
                root.fields().forEachRemaining(e -> objects.put(Settings.requireE164("LINES key", e.getKey()), e.getValue()));
            }
        });
        return objects;
    }
}
