package dev.switchboard.emulators;

import java.util.Map;
import java.util.Optional;

/** Any resource of the template, unresolved: logical id, {@code Type}, {@code Properties}, {@code Condition}. */
public record TemplateResource(String logicalId, String type, Map<String, Object> properties,
        Optional<String> condition) {
}
