package dev.switchboard.emulators;

import java.util.List;
import java.util.Optional;

/** A template parameter: its type, default (as a string, like CloudFormation passes it) and constraints. */
public record TemplateParameter(String name, String type, Optional<String> defaultValue, List<String> allowedValues,
        Optional<String> allowedPattern, String description) {

    /** {@code CommaDelimitedList} and {@code List<...>} parameters resolve to lists. */
    public boolean isList() {
        return type.equals("CommaDelimitedList") || type.startsWith("List<");
    }
}
