package dev.switchboard.shared.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The raw per-line objects of {@code LINES}, keyed by the line's E.164 number. {@link Lines} reads the call
 * and text keys from them; each owner-side capability (alerts, customer-text templates) reads its own keys
 * with its own parser, so adding a capability's keys never touches {@code Lines}. Every key any of them reads
 * is listed in {@link #KEYS}: an unknown key stops the cold start naming it.
 */
public final class LinesJson {

    /** The keys of {@link Lines} itself. */
    static final Set<String> LINE_KEYS = Set.of("forwardTo", "callerId", "businessName", "greeting", "smsFrom",
            "timeZone", "hours", "holidays", "screen", "textAfterVoicemail", "dialTimeout", "record",
            "voicemailPrompt", "afterHoursGreeting", "voicemailMaxLength", "missedCallText", "voicemailThanksText",
            "helpText");
    /** Owner alerts (alerts, alertTo, alertEmail, summaryAt) and customer texts (templates, quietHours, reminders). */
    static final Set<String> OWNER_SIDE_KEYS = Set.of("alerts", "alertTo", "alertEmail", "summaryAt",
            "templates", "quietHours", "reminders");
    /** Every key a line may have. */
    public static final Set<String> KEYS;

    static {
        java.util.Set<String> all = new java.util.HashSet<>(LINE_KEYS);
        all.addAll(OWNER_SIDE_KEYS);
        KEYS = Set.copyOf(all);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private LinesJson() {
    }

    /**
     * The per-line objects of {@code LINES} (empty when unset), in the order written. A value that is not a
     * JSON object of E.164 keys to objects, or a line with an unknown key, is a {@link ConfigException}
     * naming {@code LINES}.
     */
    public static Map<String, ObjectNode> lineObjects(Settings settings) {
        Map<String, ObjectNode> lines = new LinkedHashMap<>();
        Optional<String> raw = settings.optional("LINES");
        if (raw.isEmpty()) {
            return lines;
        }
        JsonNode root;
        try {
            root = JSON.readTree(raw.get());
        } catch (JsonProcessingException e) {
            throw new ConfigException("LINES is not valid JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException("LINES must be a JSON object mapping each Twilio number to its settings");
        }
        Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> entry = fields.next();
            String number = Settings.requireE164("LINES key", entry.getKey());
            if (!entry.getValue().isObject()) {
                throw new ConfigException("LINES[" + number + "] must be an object of settings");
            }
            requireKnownKeys("LINES[" + number + "]", entry.getValue());
            lines.put(number, (ObjectNode) entry.getValue());
        }
        return lines;
    }

    /** Stops at the first key no capability reads, naming where it is and the known keys. */
    static void requireKnownKeys(String where, JsonNode node) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String key = names.next();
            if (!KEYS.contains(key)) {
                throw new ConfigException(where + " has an unknown key '" + key + "'; known keys: "
                        + String.join(", ", new java.util.TreeSet<>(KEYS)));
            }
        }
    }
}
