package dev.switchboard.local.bridge;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * Runs inside a function's class loader (loaded by a child of it, so that these Logback types are the
 * function's own): takes the place of the function's console appenders and hands every event to the local
 * stack as plain JDK values, with the line the function's encoder would have printed.
 *
 * <p>Only JDK types cross back: {@code level}, {@code logger}, {@code message} (Strings), {@code thrown}
 * (the Throwable or null) and {@code rendered} (a {@code Supplier<String>} of the console encoder's output,
 * e.g. the JSON line, rendered only when asked for).
 */
public final class LogbackTap extends AppenderBase<ILoggingEvent> {

    private final Consumer<Map<String, Object>> sink;
    private final Encoder<ILoggingEvent> console;

    private LogbackTap(Consumer<Map<String, Object>> sink, Encoder<ILoggingEvent> console) {
        this.sink = sink;
        this.console = console;
    }

    /**
     * Replaces the console appenders of the function's logger context (SLF4J's, found through the
     * function's class loader, which is the thread's context class loader here); no-op when it has none.
     */
    public static void install(ClassLoader functionLoader, Consumer<Map<String, Object>> sink) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        List<Logger> replaced = new ArrayList<>();
        Encoder<ILoggingEvent> encoder = null;
        for (Logger logger : context.getLoggerList()) {
            for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext(); ) {
                Appender<ILoggingEvent> appender = it.next();
                if (appender instanceof ConsoleAppender<ILoggingEvent> consoleAppender) {
                    encoder = encoder == null ? consoleAppender.getEncoder() : encoder;
                    logger.detachAppender(appender);
                    if (!replaced.contains(logger)) {
                        replaced.add(logger);
                    }
                }
            }
        }
        if (encoder == null) {
            return;
        }
        LogbackTap tap = new LogbackTap(sink, encoder);
        tap.setContext(context);
        tap.setName("local-stack-tap");
        tap.start();
        replaced.forEach(logger -> logger.addAppender(tap));
    }

    @Override
    protected void append(ILoggingEvent event) {
        event.prepareForDeferredProcessing();
        Map<String, Object> values = new HashMap<>();
        values.put("level", event.getLevel().toString());
        values.put("logger", event.getLoggerName());
        values.put("message", event.getFormattedMessage());
        values.put("thrown", event.getThrowableProxy() instanceof ThrowableProxy thrown ? thrown.getThrowable() : null);
        Supplier<String> rendered = () -> new String(console.encode(event), StandardCharsets.UTF_8);
        values.put("rendered", rendered);
        sink.accept(values);
    }
}
