package dev.switchboard.inbox;

import java.util.Arrays;
import java.util.Optional;

/** The feed's filters ({@code GET /api/activity?filter=}). */
public enum Filter {
    ALL("all"), NEEDS_REPLY("needs-reply"), MISSED("missed"), VOICEMAIL("voicemail"), TEXTS("texts"), QUOTES("quotes");

    private final String wireName;

    Filter(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Filter> parse(String value) {
        return Arrays.stream(values()).filter(f -> f.wireName.equals(value)).findFirst();
    }
}
