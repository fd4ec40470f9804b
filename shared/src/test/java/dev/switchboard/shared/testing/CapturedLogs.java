package dev.switchboard.shared.testing;

import java.io.PrintWriter;
import java.io.Serializable;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.appender.ConsoleAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Every log line the code under test writes through log4j2, with the stack trace of any exception logged
 * with it, and the same events rendered by the console appender's layout exactly as Lambda would ship them
 * to CloudWatch: for asserting what an engineer would read, and what must never be there.
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
    private final Layout<? extends Serializable> consoleLayout;
    private final Capture appender;
    private final LoggerContext context;

    private CapturedLogs() {
        context = (LoggerContext) LogManager.getContext(false);
        appender = new Capture("captured-" + UUID.randomUUID());
        appender.start();
        Configuration config = context.getConfiguration();
        consoleLayout = config.getAppenders().values().stream().filter(a -> a instanceof ConsoleAppender)
                .map(Appender::getLayout).findFirst().orElse(null);
        for (LoggerConfig logger : config.getLoggers().values()) {
            logger.addAppender(appender, Level.ALL, null);
        }
        config.getRootLogger().addAppender(appender, Level.ALL, null);
        context.updateLoggers();
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
     * CloudWatch): with the functions' log4j2.xml, one JSON object per line.
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
        Configuration config = context.getConfiguration();
        for (LoggerConfig logger : config.getLoggers().values()) {
            logger.removeAppender(appender.getName());
        }
        config.getRootLogger().removeAppender(appender.getName());
        context.updateLoggers();
        appender.stop();
    }

    private final class Capture extends AbstractAppender {

        Capture(String name) {
            super(name, null, null, true, Property.EMPTY_ARRAY);
        }

        @Override
        public void append(LogEvent event) {
            StringBuilder text = new StringBuilder(event.getMessage().getFormattedMessage());
            if (event.getThrown() != null) {
                StringWriter trace = new StringWriter();
                event.getThrown().printStackTrace(new PrintWriter(trace));
                text.append('\n').append(trace);
            }
            lines.add(new Line(event.getLevel(), event.getLoggerName(), text.toString()));
            if (consoleLayout != null) {
                rendered.add(new String(consoleLayout.toByteArray(event), StandardCharsets.UTF_8));
            }
        }
    }
}
