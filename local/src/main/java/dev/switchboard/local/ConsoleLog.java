package dev.switchboard.local;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * What the local stack prints for a person at a terminal: its own messages, and the functions' log lines.
 * By default a function's line is short ({@code 12:00:01.234 [CrmSyncFunction] WARN  message (Exception:
 * why)}), its stack trace left out (only a handler that throws, which is never expected, gets one); with JSON on, functions' lines are printed exactly as their layout renders them
 * (what CloudWatch will show). {@code invoke} sends everything to stderr so that stdout carries only the
 * handler's response.
 */
final class ConsoleLog {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private static volatile PrintStream out = System.out;

    private ConsoleLog() {
    }

    static void to(PrintStream stream) {
        out = stream;
    }

    static PrintStream stream() {
        return out;
    }

    /** A line without timestamp, for banners and tables. */
    static void plain(String line) {
        out.println(line);
    }

    static void info(String source, String message) {
        line(source, "", message, null);
    }

    static void warn(String source, String message) {
        line(source, "WARNING ", message, null);
    }

    /**
     * Something unexpected (a handler that threw, the local stack itself failing): with the stack trace,
     * as Lambda's runtime reports an unhandled exception.
     */
    static void error(String source, String message, Throwable error) {
        out.println(TIME.format(LocalTime.now()) + " [" + source + "] ERROR " + message);
        if (error != null) {
            StringWriter trace = new StringWriter();
            error.printStackTrace(new PrintWriter(trace));
            out.println(trace.toString().stripTrailing());
        }
    }

    /** A function's log line: its own JSON, or the short form. */
    static void function(FunctionLog log, boolean json) {
        if (json) {
            out.println(log.json());
            return;
        }
        line(log.functionLogicalId(), String.format("%-5s ", log.level()), log.message(), log.thrown());
    }

    private static void line(String source, String level, String message, Throwable error) {
        out.println(TIME.format(LocalTime.now()) + " [" + source + "] " + level + message
                + (error == null ? "" : " (" + summary(error) + ")"));
    }

    /** {@code Type: first line of the message}, and the root cause's if it differs. */
    static String summary(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = oneLine(error);
        return root == error ? text : text + "; caused by " + oneLine(root);
    }

    private static String oneLine(Throwable error) {
        String message = error.getMessage();
        return error.getClass().getSimpleName()
                + (message == null || message.isBlank() ? "" : ": " + message.lines().findFirst().orElse(""));
    }
}
