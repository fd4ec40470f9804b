package dev.switchboard.shared.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/** The ERROR lines one logger writes while open. */
final class ErrorLines extends AbstractAppender implements AutoCloseable {

    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final org.apache.logging.log4j.core.Logger logger;

    ErrorLines(Class<?> source) {
        super("errors-" + System.identityHashCode(new Object()), null, null, true, Property.EMPTY_ARRAY);
        start();
        logger = ((LoggerContext) LogManager.getContext(false)).getLogger(source.getName());
        logger.addAppender(this);
    }

    @Override
    public void append(LogEvent event) {
        if (event.getLevel().isMoreSpecificThan(Level.ERROR)) {
            lines.add(event.getMessage().getFormattedMessage());
        }
    }

    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    @Override
    public void close() {
        logger.removeAppender(this);
        stop();
    }
}
