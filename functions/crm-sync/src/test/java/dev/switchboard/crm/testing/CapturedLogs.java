package dev.switchboard.crm.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Every log line the code under test writes through log4j2 (what Lambda ships to CloudWatch), with the
 * stack trace of any exception logged with it: for asserting what an engineer would read, and what must
 * never be there.
 */
public final class CapturedLogs implements AutoCloseable {

    public record Line(Level level, String logger, String text) {
        @Override
        public String toString() {
            return level + " " + logger + " " + text;
        }
    }

    private final List<Line> lines = Collections.synchronizedList(new ArrayList<>());
    private final Capture appender;
    private final LoggerContext context;

    private CapturedLogs() {
        context = (LoggerContext) LogManager.getContext(false);
        appender = new Capture("captured-" + UUID.randomUUID());
        appender.start();
        Configuration config = context.getConfiguration();
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
        }
    }
}
