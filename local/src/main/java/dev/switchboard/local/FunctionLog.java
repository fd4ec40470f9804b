package dev.switchboard.local;

/**
 * One event a function logged through log4j, as the local stack receives it from the function's class
 * loader ({@link FunctionLogListener}).
 *
 * @param level log4j's level name ({@code INFO}, {@code WARN}, ...)
 * @param thrown the exception logged with the message, if any
 * @param json the line the function's own layout renders, exactly what Lambda would ship to CloudWatch
 */
public record FunctionLog(String functionLogicalId, String level, String logger, String message, Throwable thrown,
        String json) {
}
