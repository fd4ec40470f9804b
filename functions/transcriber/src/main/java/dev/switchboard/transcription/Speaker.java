package dev.switchboard.transcription;

import java.util.Locale;

/** Who said a sentence. Unknown when the engine could not tell the two sides of a call apart. */
public enum Speaker {
    CALLER("caller", "Caller"),
    BUSINESS("business", "Business"),
    UNKNOWN("unknown", null);

    private final String id;
    private final String label;

    Speaker(String id, String label) {
        this.id = id;
        this.label = label;
    }

    /** The name stored in transcript JSON: {@code caller}, {@code business}, {@code unknown}. */
    public String id() {
        return id;
    }

    /** The label in the readable transcript ("Caller"), or null when the speaker is unknown. */
    public String label() {
        return label;
    }

    public static Speaker fromId(String id) {
        if (id == null) {
            return UNKNOWN;
        }
        for (Speaker speaker : values()) {
            if (speaker.id.equals(id.toLowerCase(Locale.ROOT))) {
                return speaker;
            }
        }
        throw new IllegalArgumentException("unknown speaker '" + id + "'");
    }
}
