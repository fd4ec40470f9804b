package dev.switchboard.shared.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import dev.switchboard.shared.logging.LambdaJsonEncoder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Every log line the code under test writes (through SLF4J, to the functions' Logback), with the stack trace
 * of any exception logged with it, and the same events rendered by the functions' encoder exactly as Lambda
 * would ship them to CloudWatch: for asserting what an engineer would read, and what must never be there.
 * Captures what the configured levels let through (the root appender's view), as the console sees it.
 */
public final class CapturedLogs implements AutoCloseable {

    public record Line(Level level, String logger, String text) {
        @Override
        public String toString() {
            return level + " " + logger + " " + text;
        }
    }

    private final List<Line> lines = Collections.synchronizedList(new ArrayList<>());
    private final List<String> rendered = Collections.synchronizedList(new ArrayList<>());
    private final LambdaJsonEncoder encoder = new LambdaJsonEncoder();
    private final Capture appender;
    private final Logger root;

    private CapturedLogs() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        appender = new Capture();
        appender.setContext(context);
        appender.setName("captured-" + UUID.randomUUID());
        appender.start();
        root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
    }

    public static CapturedLogs start() {
        return new CapturedLogs();
    }

    public List<Line> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    public List<Line> at(Level level) {
        return lines().stream().filter(l -> l.level() == level).toList();
    }

    /**
     * The same events as the function's console appender writes them to stdout (Lambda ships stdout to
     * CloudWatch): one JSON object per line.
     */
    public String stdout() {
        synchronized (rendered) {
            return String.join("", rendered);
        }
    }

    public String all() {
        StringBuilder all = new StringBuilder();
        lines().forEach(l -> all.append(l).append('\n'));
        return all.toString();
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }

    private final class Capture extends AppenderBase<ILoggingEvent> {

        @Override
        protected void append(ILoggingEvent event) {
            StringBuilder text = new StringBuilder(String.valueOf(event.getFormattedMessage()));
            if (event.getThrowableProxy() instanceof ThrowableProxy thrown) {
                StringWriter trace = new StringWriter();
                thrown.getThrowable().printStackTrace(new PrintWriter(trace));
                text.append('\n').append(trace);
            }
            lines.add(new Line(Level.valueOf(event.getLevel().levelStr), event.getLoggerName(), text.toString()));
            rendered.add(encoder.line(event));
        }
    }
}
