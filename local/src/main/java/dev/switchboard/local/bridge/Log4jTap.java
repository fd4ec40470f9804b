package dev.switchboard.local.bridge;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
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
 * Runs inside a function's class loader (loaded by a child of it, so that these log4j types are the
 * function's own): takes the place of the function's console appenders and hands every event to the local
 * stack as plain JDK values, with the line the function's layout would have printed.
 *
 * <p>Only JDK types cross back: {@code level}, {@code logger}, {@code message} (Strings), {@code thrown}
 * (the Throwable or null) and {@code rendered} (a {@code Supplier<String>} of the console layout's output,
 * e.g. the JSON line, rendered only when asked for).
 */
public final class Log4jTap extends AbstractAppender {

    private final Consumer<Map<String, Object>> sink;
    private final Layout<? extends Serializable> console;

    private Log4jTap(Consumer<Map<String, Object>> sink, Layout<? extends Serializable> console) {
        super("local-stack-tap", null, null, true, Property.EMPTY_ARRAY);
        this.sink = sink;
        this.console = console;
    }

    /** Replaces the console appenders of the function's logger context; no-op when it has none. */
    public static void install(ClassLoader functionLoader, Consumer<Map<String, Object>> sink) {
        LoggerContext context = (LoggerContext) LogManager.getContext(functionLoader, false);
        Configuration config = context.getConfiguration();
        Layout<? extends Serializable> layout = config.getAppenders().values().stream()
                .filter(a -> a instanceof ConsoleAppender).map(Appender::getLayout).findFirst().orElse(null);
        if (layout == null) {
            return;
        }
        Log4jTap tap = new Log4jTap(sink, layout);
        tap.start();
        Map<String, LoggerConfig> loggers = new HashMap<>(config.getLoggers());
        loggers.put("", config.getRootLogger());
        for (LoggerConfig logger : loggers.values()) {
            boolean replaced = false;
            for (Appender appender : List.copyOf(logger.getAppenders().values())) {
                if (appender instanceof ConsoleAppender) {
                    logger.removeAppender(appender.getName());
                    replaced = true;
                }
            }
            if (replaced) {
                logger.addAppender(tap, null, null);
            }
        }
        context.updateLoggers();
    }

    @Override
    public void append(LogEvent event) {
        Map<String, Object> values = new HashMap<>();
        values.put("level", event.getLevel().name());
        values.put("logger", event.getLoggerName());
        values.put("message", event.getMessage().getFormattedMessage());
        values.put("thrown", event.getThrown());
        LogEvent frozen = event.toImmutable();
        Supplier<String> rendered = () -> new String(console.toByteArray(frozen), StandardCharsets.UTF_8);
        values.put("rendered", rendered);
        sink.accept(values);
    }
}
