package dev.switchboard.shared.config;

/**
 * A missing or malformed setting. Its message is one line naming the variable and what to do; it never
 * contains a secret's value.
 */
public class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
