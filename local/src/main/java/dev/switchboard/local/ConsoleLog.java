package dev.switchboard.local;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * The local stack's own messages: short, plain-text lines for a person at a terminal. (Functions keep
 * logging JSON through log4j2, exactly what CloudWatch will show.) {@code invoke} sends these to stderr so
 * that stdout carries only the handler's response.
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
        out.println(TIME.format(LocalTime.now()) + " [" + source + "] " + message);
    }

    static void warn(String source, String message) {
        out.println(TIME.format(LocalTime.now()) + " [" + source + "] WARNING " + message);
    }

    static void error(String source, String message, Throwable error) {
        StringBuilder line = new StringBuilder(TIME.format(LocalTime.now())).append(" [").append(source)
                .append("] ERROR ").append(message);
        if (error != null) {
            StringWriter trace = new StringWriter();
            error.printStackTrace(new PrintWriter(trace));
            line.append(System.lineSeparator()).append(trace.toString().stripTrailing());
        }
        out.println(line);
    }
}
