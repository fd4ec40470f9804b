package dev.switchboard.shared.config;

import java.util.Map;
import java.util.Optional;

/**
 * The environment variables a function is configured with: its handler's constructor argument, which
 * Lambda's no-arg constructor fills with {@code System.getenv()} and the local stack with the function's
 * own resolved variables.
 */
public final class Env {

    private final Map<String, String> vars;

    private Env(Map<String, String> vars) {
        this.vars = Map.copyOf(vars);
    }

    public static Env of(Map<String, String> vars) {
        return new Env(vars);
    }

    /** The trimmed value of {@code name}, empty when unset or blank. */
    public Optional<String> get(String name) {
        String value = vars.get(name);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(value.trim());
    }

    public Map<String, String> asMap() {
        return vars;
    }
}
