package dev.switchboard.voice;

import dev.switchboard.shared.config.Line;
import java.time.ZonedDateTime;

/** Decides what happens to an incoming call. Plain rules, no I/O. */
public final class CallRouter {

    /** How a call is handled. */
    public enum Route {
        /** Ring the owner (greeting, then {@code <Dial>}). */
        FORWARD("forwarded"),
        /** Outside the line's hours: straight to voicemail with the after-hours greeting. */
        AFTER_HOURS("after-hours"),
        /** The line has nowhere to ring: voicemail, so the caller is never dropped. */
        NO_FORWARD_NUMBER("no-forward-number");

        private final String label;

        Route(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public Route route(Line line, ZonedDateTime now) {
        if (!line.isOpen(now)) {
            return Route.AFTER_HOURS;
        }
        if (line.forwardTo().isEmpty()) {
            return Route.NO_FORWARD_NUMBER;
        }
        return Route.FORWARD;
    }
}
