package dev.switchboard.transcription.engine;

import java.util.Optional;

/** The engines {@code TRANSCRIBER} can name. */
public enum EngineName {
    TWILIO_INTELLIGENCE("twilio-intelligence"),
    OPENAI_WHISPER("openai-whisper"),
    NONE("none");

    private final String id;

    EngineName(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<EngineName> fromId(String id) {
        for (EngineName name : values()) {
            if (name.id.equals(id)) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }
}
