package dev.switchboard.shared.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.shared.config.ConfigException;
import dev.switchboard.shared.config.Line;
import dev.switchboard.shared.config.Lines;
import dev.switchboard.shared.config.LinesJson;
import dev.switchboard.shared.config.LiveSetting;
import dev.switchboard.shared.config.Settings;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who hears about what, per line: the {@code LINES} keys {@code alerts}, {@code alertTo}, {@code alertEmail}
 * and {@code summaryAt}, each defaulting to a global setting ({@code ALERTS}, {@code ALERT_TO},
 * {@code ALERT_EMAIL}, {@code SUMMARY_AT}), then to the built-in default: voicemail, quote and text alerts
 * on, missed-call alerts off, texts to the line's {@code forwardTo}, no e-mail, no daily summary. E-mail
 * needs {@code ALERT_EMAIL_FROM} (an SES-verified identity). Anything malformed is a {@link ConfigException}
 * naming the setting.
 */
public final class AlertSettings {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> ALERT_KINDS = Set.of("voicemail", "quote", "text", "missedCall");
    /** Deliberately plain: one @, no spaces, a dot in the domain. SES rejects anything subtler. */
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s,;<>\"]+@[^@\\s,;<>\"]+\\.[^@\\s,;<>\"]+$");

    /** Which events are alerted on a line. */
    public record Kinds(boolean voicemail, boolean quote, boolean text, boolean missedCall) {
        public static final Kinds DEFAULT = new Kinds(true, true, true, false);
    }

    /** A line's alert settings, resolved. */
    public record LineAlerts(Optional<String> line, Kinds kinds, List<String> alertTo, List<String> alertEmail,
                             Optional<LocalTime> summaryAt) {
    }

    private final Map<String, LineAlerts> byLine;
    private final LineAlerts fallback;
    private final Optional<String> emailFrom;

    private AlertSettings(Map<String, LineAlerts> byLine, LineAlerts fallback, Optional<String> emailFrom) {
        this.byLine = byLine;
        this.fallback = fallback;
        this.emailFrom = emailFrom;
    }

    /**
     * Parses the alert settings now (a malformed value is a {@link ConfigException} naming it) and follows
     * later changes of {@code LINES} and the global alert settings in SSM.
     */
    public static LiveSetting<AlertSettings> load(Settings settings, Lines lines) {
        return settings.live(s -> parse(s, lines, LinesJson.lineObjects(s)));
    }

    /**
     * Resolves every line's alert settings.
     *
     * @param lineObjects the raw per-line objects of {@code LINES} (E.164 → object)
     */
    public static AlertSettings parse(Settings settings, Lines lines, Map<String, ? extends JsonNode> lineObjects) {
        Kinds globalKinds = settings.optional("ALERTS").map(v -> kinds("ALERTS", json("ALERTS", v), Kinds.DEFAULT))
                .orElse(Kinds.DEFAULT);
        Optional<List<String>> globalTo = settings.optional("ALERT_TO").map(v -> phones("ALERT_TO", list("ALERT_TO", v)));
        List<String> globalEmail = settings.optional("ALERT_EMAIL").map(v -> emails("ALERT_EMAIL", list("ALERT_EMAIL", v)))
                .orElse(List.of());
        Optional<LocalTime> globalSummary = settings.optional("SUMMARY_AT").map(v -> time("SUMMARY_AT", v));
        Optional<String> from = settings.optional("ALERT_EMAIL_FROM").map(String::strip).filter(v -> !v.isEmpty());
        if (from.isPresent() && !EMAIL.matcher(from.get()).matches()) {
            throw new ConfigException("ALERT_EMAIL_FROM must be an e-mail address (an SES-verified identity), got '"
                    + from.get() + "'");
        }
        Map<String, LineAlerts> byLine = new LinkedHashMap<>();
        for (Line line : lines.configured()) {
            String number = line.number().orElseThrow();
            JsonNode node = lineObjects.get(number);
            String where = "LINES[" + number + "]";
            Kinds kinds = node != null && node.has("alerts") && !node.get("alerts").isNull()
                    ? kinds(where + ".alerts", node.get("alerts"), globalKinds) : globalKinds;
            List<String> to = node != null && node.has("alertTo") && !node.get("alertTo").isNull()
                    ? phones(where + ".alertTo", strings(where + ".alertTo", node.get("alertTo")))
                    : globalTo.orElse(line.forwardTo().map(List::of).orElse(List.of()));
            List<String> email = node != null && node.has("alertEmail") && !node.get("alertEmail").isNull()
                    ? emails(where + ".alertEmail", strings(where + ".alertEmail", node.get("alertEmail")))
                    : globalEmail;
            Optional<LocalTime> summary = node != null && node.has("summaryAt") && !node.get("summaryAt").isNull()
                    ? Optional.of(time(where + ".summaryAt", node.get("summaryAt").asText())) : globalSummary;
            byLine.put(number, new LineAlerts(Optional.of(number), kinds, to, email, summary));
        }
        Line fallbackLine = lines.fallback();
        LineAlerts fallback = new LineAlerts(Optional.empty(), globalKinds,
                globalTo.orElse(fallbackLine.forwardTo().map(List::of).orElse(List.of())), globalEmail, globalSummary);
        boolean anyEmail = !fallback.alertEmail().isEmpty()
                || byLine.values().stream().anyMatch(l -> !l.alertEmail().isEmpty());
        if (anyEmail && from.isEmpty()) {
            throw new ConfigException("ALERT_EMAIL_FROM is required when alertEmail or ALERT_EMAIL is set: set it to"
                    + " the SES-verified address alerts are sent from");
        }
        return new AlertSettings(Map.copyOf(byLine), fallback, from);
    }

    /** The settings of the line with this number, or the fallback line's. */
    public LineAlerts forLine(String number) {
        LineAlerts line = number == null ? null : byLine.get(number);
        return line != null ? line : fallback;
    }

    /** Every configured line's settings, and the fallback's last. */
    public List<LineAlerts> all() {
        List<LineAlerts> all = new ArrayList<>(byLine.values());
        all.add(fallback);
        return all;
    }

    /** The SES identity e-mails are sent from; empty when no e-mail is configured. */
    public Optional<String> emailFrom() {
        return emailFrom;
    }

    private static Kinds kinds(String where, JsonNode node, Kinds defaults) {
        if (!node.isObject()) {
            throw new ConfigException(where + " must be an object like {\"voicemail\": true, \"quote\": true,"
                    + " \"text\": true, \"missedCall\": false}");
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!ALERT_KINDS.contains(name)) {
                throw new ConfigException(where + " has an unknown key '" + name + "' (known: voicemail, quote, text,"
                        + " missedCall)");
            }
            if (!node.get(name).isBoolean()) {
                throw new ConfigException(where + "." + name + " must be true or false");
            }
        }
        return new Kinds(flag(node, "voicemail", defaults.voicemail()), flag(node, "quote", defaults.quote()),
                flag(node, "text", defaults.text()), flag(node, "missedCall", defaults.missedCall()));
    }

    private static boolean flag(JsonNode node, String name, boolean otherwise) {
        return node.has(name) ? node.get(name).booleanValue() : otherwise;
    }

    /** A JSON list, or a comma-separated one. */
    private static List<String> list(String where, String raw) {
        String value = raw.strip();
        if (value.startsWith("[")) {
            return strings(where, json(where, value));
        }
        List<String> items = new ArrayList<>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                items.add(part.strip());
            }
        }
        return items;
    }

    private static List<String> strings(String where, JsonNode node) {
        if (node.isTextual()) {
            return List.of(node.asText().strip());
        }
        if (!node.isArray()) {
            throw new ConfigException(where + " must be a list like [\"+19045550177\"]");
        }
        List<String> items = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw new ConfigException(where + " must be a list of text values");
            }
            items.add(item.asText().strip());
        }
        return items;
    }

    private static List<String> phones(String where, List<String> values) {
        return values.stream().map(v -> Settings.requireE164(where, v)).distinct().toList();
    }

    private static List<String> emails(String where, List<String> values) {
        for (String value : values) {
            if (!EMAIL.matcher(value).matches()) {
                throw new ConfigException(where + " has '" + value + "', which is not an e-mail address");
            }
        }
        return values.stream().distinct().toList();
    }

    private static LocalTime time(String where, String value) {
        try {
            return LocalTime.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new ConfigException(where + " must be a time like 07:30, got '" + value + "'");
        }
    }

    private static JsonNode json(String where, String raw) {
        try {
            return JSON.readTree(raw);
        } catch (JsonProcessingException e) {
            throw new ConfigException(where + " is not valid JSON");
        }
    }
}
