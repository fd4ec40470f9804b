package dev.switchboard.shared.config;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The environment variables a function is configured with.
 *
 * <p>In Lambda this is the process environment. The local stack runs every function in one JVM, so it
 * hands each function its own variables (the template's, resolved, plus the process environment, the
 * way {@code sam local} does) by constructing the handler inside {@link #runWith}.
 */
public final class Env {

    private static final ThreadLocal<Map<String, String>> OVERRIDE = new ThreadLocal<>();

    private final Map<String, String> vars;

    private Env(Map<String, String> vars) {
        this.vars = Map.copyOf(vars);
    }

    /** The variables in effect for the function being constructed on this thread. */
    public static Env current() {
        Map<String, String> override = OVERRIDE.get();
        return new Env(override != null ? override : System.getenv());
    }

    public static Env of(Map<String, String> vars) {
        return new Env(vars);
    }

    /** Runs {@code body} (typically a handler's no-arg constructor) with {@code vars} as its environment. */
    public static <T> T runWith(Map<String, String> vars, Supplier<T> body) {
        Map<String, String> previous = OVERRIDE.get();
        OVERRIDE.set(Map.copyOf(vars));
        try {
            return body.get();
        } finally {
            if (previous == null) {
                OVERRIDE.remove();
            } else {
                OVERRIDE.set(previous);
            }
        }
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
