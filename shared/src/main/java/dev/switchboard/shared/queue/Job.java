package dev.switchboard.shared.queue;

/** A job carried on a queue. {@link #validate} rejects one that is malformed, which is never retried. */
public interface Job {

    /** Throws {@link IllegalArgumentException} naming what is missing or wrong. */
    default void validate() {
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
