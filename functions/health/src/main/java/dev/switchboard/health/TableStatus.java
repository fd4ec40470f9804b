package dev.switchboard.health;

import java.util.Locale;

/** Whether the table answered the last probe. */
public enum TableStatus {
    OK,
    UNAVAILABLE;

    /** As it appears in the health response: {@code ok}, {@code unavailable}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
