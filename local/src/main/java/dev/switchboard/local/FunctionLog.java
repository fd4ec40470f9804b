package dev.switchboard.local;

import java.util.function.Supplier;

/**
 * One event a function logged (through its own jar's Logback), as the local stack receives it from the function's class
 * loader ({@link FunctionLogListener}).
 *
 * @param level the level's name ({@code INFO}, {@code WARN}, ...)
 * @param thrown the exception logged with the message, if any
 * @param rendered the line the function's own encoder renders, exactly what Lambda would ship to CloudWatch
 *     (rendered when asked for: {@link #json()})
 */
public record FunctionLog(String functionLogicalId, String level, String logger, String message, Throwable thrown,
        Supplier<String> rendered) {

    /** The function's own rendering of the event (its JSON line), without the trailing line break. */
    public String json() {
        return rendered.get().stripTrailing();
    }
}
