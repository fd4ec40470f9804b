package dev.switchboard.shared.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code application/x-www-form-urlencoded} parameters, keeping every value of a repeated key in order
 * (Twilio signs repeated keys too, so they must not collapse).
 */
public final class FormParameters {

    private final Map<String, List<String>> values;

    private FormParameters(Map<String, List<String>> values) {
        this.values = values;
    }

    public static FormParameters of(Map<String, List<String>> values) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return new FormParameters(Collections.unmodifiableMap(copy));
    }

    /** Parses an urlencoded string; a malformed percent escape gets a 400. */
    public static FormParameters parse(String encoded) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (encoded != null && !encoded.isEmpty()) {
            for (String pair : encoded.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq >= 0 ? pair.substring(0, eq) : pair);
                String value = eq >= 0 ? decode(pair.substring(eq + 1)) : "";
                values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            }
        }
        Map<String, List<String>> frozen = new LinkedHashMap<>();
        values.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
        return new FormParameters(Collections.unmodifiableMap(frozen));
    }

    private static String decode(String text) {
        if (text.indexOf('%') < 0 && text.indexOf('+') < 0) {
            return text; // nothing to decode: most of Twilio's parameter names and many values
        }
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw HttpProblem.badRequest("Malformed form encoding");
        }
    }

    /** The first value of {@code name}, empty when absent or blank. */
    public Optional<String> first(String name) {
        List<String> list = values.get(name);
        if (list == null || list.isEmpty() || list.get(0).isBlank()) {
            return Optional.empty();
        }
        return Optional.of(list.get(0).trim());
    }

    /** The first value of {@code name}, or a 400 naming it. */
    public String required(String name) {
        return first(name).orElseThrow(() -> HttpProblem.badRequest("Missing " + name));
    }

    /** The first value of {@code name} as a whole number of zero or more; a 400 naming it when it is not one. */
    public Optional<Long> wholeNumber(String name) {
        return first(name).map(raw -> {
            try {
                long value = Long.parseLong(raw);
                if (value < 0) {
                    throw HttpProblem.badRequest(name + " must not be negative");
                }
                return value;
            } catch (NumberFormatException e) {
                throw HttpProblem.badRequest(name + " is not a whole number");
            }
        });
    }

    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    public Set<String> names() {
        return values.keySet();
    }

    public Map<String, List<String>> asMap() {
        return values;
    }

    public Map<String, String> firstValues() {
        Map<String, String> first = new LinkedHashMap<>();
        values.forEach((k, v) -> first.put(k, v.isEmpty() ? "" : v.get(0)));
        return first;
    }
}
