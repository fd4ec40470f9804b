package dev.switchboard.notify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.shared.config.ConfigException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words of each customer text: the built-in defaults, replaced per template by the global
 * {@code TEXT_TEMPLATES} (JSON {@code {"en_route": "..."}}) and then by a line's {@code templates} in
 * {@code LINES}. Placeholders are {@code {customer}}, {@code {business}}, {@code {date}}, {@code {time}},
 * {@code {address}}, {@code {mechanic}}, {@code {eta}}, {@code {total}}, {@code {payment_url}},
 * {@code {review_url}} (and {@code {body}} for {@code custom}). A part in square brackets is optional: it is
 * left out when a placeholder inside it has no value ({@code "Hi[ {customer}],"} is "Hi Ann," or "Hi,");
 * a placeholder outside brackets must have a value, or the request is refused naming it. A template with an
 * unknown placeholder, an unknown template name or unbalanced brackets fails the cold start naming it.
 */
public final class TextTemplates {

    public static final Set<String> PLACEHOLDERS = Set.of("customer", "business", "date", "time", "address",
            "mechanic", "eta", "total", "payment_url", "review_url", "body");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");

    static final Map<Template, String> DEFAULTS = defaults();

    private static Map<Template, String> defaults() {
        Map<Template, String> d = new EnumMap<>(Template.class);
        d.put(Template.APPOINTMENT_CONFIRMED, "Hi[ {customer}], your appointment with {business} is confirmed for"
                + " {date} at {time}[ at {address}].[ {mechanic} will be there.] Reply C to confirm or R to reschedule.");
        d.put(Template.APPOINTMENT_REMINDER, "Reminder: your appointment with {business} is {date} at {time}[ at"
                + " {address}]. Reply C to confirm or R to reschedule.");
        d.put(Template.APPOINTMENT_CANCELLED, "Hi[ {customer}], your appointment with {business} on {date} at {time}"
                + " is cancelled. Call or text us to find a new time.");
        d.put(Template.EN_ROUTE, "Hi[ {customer}], [{mechanic} from ]{business} is on the way[ and will be there in"
                + " about {eta}].");
        d.put(Template.JOB_DONE, "Hi[ {customer}], your job with {business} is done.[ Total: {total}.][ Pay here:"
                + " {payment_url}] Thank you!");
        d.put(Template.REVIEW_REQUEST, "Thanks for choosing {business}[, {customer}]! Would you leave us a review?"
                + " {review_url}");
        d.put(Template.CUSTOM, "{body}");
        return Map.copyOf(d);
    }

    private final Map<Template, Compiled> global;
    private final Map<String, Map<Template, Compiled>> perLine;

    private TextTemplates(Map<Template, Compiled> global, Map<String, Map<Template, Compiled>> perLine) {
        this.global = global;
        this.perLine = perLine;
    }

    /**
     * @param globalOverrides {@code TEXT_TEMPLATES}, parsed; null when unset
     * @param lineOverrides   each line's {@code templates} object (lines without one are left out)
     */
    public static TextTemplates parse(JsonNode globalOverrides, Map<String, JsonNode> lineOverrides) {
        Map<Template, Compiled> global = new EnumMap<>(Template.class);
        DEFAULTS.forEach((t, text) -> global.put(t, Compiled.of(text, "default " + t.id())));
        global.putAll(overrides("TEXT_TEMPLATES", globalOverrides));
        Map<String, Map<Template, Compiled>> lines = new java.util.HashMap<>();
        lineOverrides.forEach((line, node) -> lines.put(line, overrides("LINES[" + line + "].templates", node)));
        return new TextTemplates(Map.copyOf(global), Map.copyOf(lines));
    }

    public static TextTemplates defaultsOnly() {
        return parse(null, Map.of());
    }

    private static Map<Template, Compiled> overrides(String where, JsonNode node) {
        Map<Template, Compiled> out = new EnumMap<>(Template.class);
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            throw new ConfigException(where + " must be a JSON object from template name to its text");
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> entry = fields.next();
            Optional<Template> template = Template.byId(entry.getKey());
            if (template.isEmpty()) {
                TreeSet<String> known = new TreeSet<>();
                for (Template t : Template.values()) {
                    known.add(t.id());
                }
                throw new ConfigException(where + " names an unknown template '" + entry.getKey() + "'; known: "
                        + String.join(", ", known));
            }
            if (!entry.getValue().isTextual() || entry.getValue().asText().isBlank()) {
                throw new ConfigException(where + "." + entry.getKey() + " must be the text of the message");
            }
            out.put(template.get(), Compiled.of(entry.getValue().asText().strip(), where + "." + entry.getKey()));
        }
        return out;
    }

    /** The template's text for a line (its override, else the global one, else the default). */
    Compiled forLine(String line, Template template) {
        Map<Template, Compiled> own = line == null ? null : perLine.get(line);
        Compiled compiled = own == null ? null : own.get(template);
        return compiled != null ? compiled : global.get(template);
    }

    /** The placeholders a template needs for a line (those outside square brackets). */
    public Set<String> required(String line, Template template) {
        return forLine(line, template).required();
    }

    /**
     * Fills a template. Values that are null or blank count as missing.
     *
     * @return the text, or the placeholders it needs that have no value
     */
    public Rendered render(String line, Template template, Map<String, String> values) {
        return forLine(line, template).render(values);
    }

    /** A filled template: the text, or what was missing. */
    public record Rendered(Optional<String> text, Set<String> missing) {
    }

    /** A template split into literal text, placeholders and optional groups, checked once. */
    record Compiled(List<Part> parts) {

        sealed interface Part permits Literal, Slot, Group {
        }

        record Literal(String text) implements Part {
        }

        record Slot(String name) implements Part {
        }

        record Group(List<Part> parts) implements Part {
        }

        static Compiled of(String text, String where) {
            List<Part> top = new ArrayList<>();
            List<Part> group = null;
            StringBuilder literal = new StringBuilder();
            int i = 0;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (c == '[' || c == ']') {
                    flush(literal, group != null ? group : top);
                    if (c == '[') {
                        if (group != null) {
                            throw new ConfigException(where + ": optional parts in [ ] cannot be nested");
                        }
                        group = new ArrayList<>();
                    } else {
                        if (group == null) {
                            throw new ConfigException(where + ": a ']' without its '['");
                        }
                        top.add(new Group(List.copyOf(group)));
                        group = null;
                    }
                    i++;
                    continue;
                }
                if (c == '{') {
                    Matcher m = PLACEHOLDER.matcher(text).region(i, text.length());
                    int close = text.indexOf('}', i);
                    if (!m.lookingAt()) {
                        throw new ConfigException(where + " has a malformed placeholder '"
                                + text.substring(i, close < 0 ? text.length() : close + 1) + "'");
                    }
                    String name = m.group(1);
                    if (!PLACEHOLDERS.contains(name)) {
                        throw new ConfigException(where + " has an unknown placeholder {" + name + "}; known: "
                                + String.join(", ", new TreeSet<>(PLACEHOLDERS).stream().map(p -> "{" + p + "}").toList()));
                    }
                    flush(literal, group != null ? group : top);
                    (group != null ? group : top).add(new Slot(name));
                    i = m.end();
                    continue;
                }
                literal.append(c);
                i++;
            }
            if (group != null) {
                throw new ConfigException(where + ": a '[' without its ']'");
            }
            flush(literal, top);
            return new Compiled(List.copyOf(top));
        }

        private static void flush(StringBuilder literal, List<Part> into) {
            if (literal.length() > 0) {
                into.add(new Literal(literal.toString()));
                literal.setLength(0);
            }
        }

        Set<String> required() {
            Set<String> names = new LinkedHashSet<>();
            for (Part part : parts) {
                if (part instanceof Slot slot) {
                    names.add(slot.name());
                }
            }
            return names;
        }

        Rendered render(Map<String, String> values) {
            StringBuilder out = new StringBuilder();
            Set<String> missing = new TreeSet<>();
            for (Part part : parts) {
                if (part instanceof Literal literal) {
                    out.append(literal.text());
                } else if (part instanceof Slot slot) {
                    String value = value(values, slot.name());
                    if (value == null) {
                        missing.add(slot.name());
                    } else {
                        out.append(value);
                    }
                } else if (part instanceof Group group) {
                    StringBuilder inner = new StringBuilder();
                    boolean complete = true;
                    for (Part p : group.parts()) {
                        if (p instanceof Literal literal) {
                            inner.append(literal.text());
                        } else if (p instanceof Slot slot) {
                            String value = value(values, slot.name());
                            if (value == null) {
                                complete = false;
                                break;
                            }
                            inner.append(value);
                        }
                    }
                    if (complete) {
                        out.append(inner);
                    }
                }
            }
            if (!missing.isEmpty()) {
                return new Rendered(Optional.empty(), missing);
            }
            return new Rendered(Optional.of(out.toString().replaceAll(" {2,}", " ").strip()), Set.of());
        }

        private static String value(Map<String, String> values, String name) {
            String value = values.get(name);
            return value == null || value.isBlank() ? null : value;
        }
    }
}
