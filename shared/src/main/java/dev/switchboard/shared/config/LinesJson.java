package dev.switchboard.shared.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
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

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private LinesJson() {
    }

    /**
     * Parses a JSON setting into Jackson's tree. Read with jackson-jr and built with {@link JsonNodeFactory}
     * rather than {@code ObjectMapper.readTree}: an {@code ObjectMapper} loads about 400 classes on a cold
     * start, for settings that are a few objects of strings and numbers (docs/performance.md).
     *
     * @return the tree; a missing node for a blank value, as {@code readTree} answers
     * @throws JsonProcessingException for malformed JSON (with its line and column)
     */
    public static JsonNode parse(String raw) throws JsonProcessingException {
        if (raw.isBlank()) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        try {
            return tree(JSON.std.anyFrom(raw));
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not from a String
        }
    }

    /** An empty object node (the fallback line's own settings). */
    static ObjectNode emptyObject() {
        return NODES.objectNode();
    }

    /** An array of strings as a tree (a comma-separated setting read as a list). */
    static ArrayNode textArray(String... values) {
        ArrayNode array = NODES.arrayNode();
        for (String value : values) {
            array.add(value);
        }
        return array;
    }

    private static JsonNode tree(Object value) {
        if (value == null) {
            return NODES.nullNode();
        } else if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            map.forEach((key, item) -> object.set(key.toString(), tree(item)));
            return object;
        } else if (value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode();
            list.forEach(item -> array.add(tree(item)));
            return array;
        } else if (value instanceof String text) {
            return NODES.textNode(text);
        } else if (value instanceof Boolean bool) {
            return NODES.booleanNode(bool);
        } else if (value instanceof Integer number) {
            return NODES.numberNode(number);
        } else if (value instanceof Long number) {
            return NODES.numberNode(number);
        } else if (value instanceof BigInteger number) {
            return NODES.numberNode(number);
        } else if (value instanceof BigDecimal number) {
            return NODES.numberNode(number);
        } else if (value instanceof Number number) {
            return NODES.numberNode(number.doubleValue());
        }
        return NODES.textNode(value.toString());
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
            root = parse(raw.get());
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
