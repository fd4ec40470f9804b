package dev.switchboard.shared.queue;

import java.util.LinkedHashMap;
import java.util.Map;

/** A job carried on a queue. {@link #validate} rejects one that is malformed, which is never retried. */
public interface Job {

    /** Throws {@link IllegalArgumentException} naming what is missing or wrong. */
    default void validate() {
    }

    /**
     * The identifiers this job is about ({@code callSid}, {@code recordingSid}, {@code messageSid},
     * {@code leadId}), which every log line written while it is processed carries as its own fields.
     */
    default Map<String, String> logFields() {
        return Map.of();
    }

    /** Log fields from name, value pairs; absent (null or blank) values are left out. */
    static Map<String, String> fields(String... namesAndValues) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            String value = namesAndValues[i + 1];
            if (value != null && !value.isBlank()) {
                fields.put(namesAndValues[i], value);
            }
        }
        return fields;
    }

    static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    static void requireText(String value, String field) {
        require(value != null && !value.isBlank(), field + " is missing");
    }
}
