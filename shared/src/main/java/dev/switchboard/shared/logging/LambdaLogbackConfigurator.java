package dev.switchboard.shared.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;

/**
 * The functions' logging configuration, in code (registered for Logback's {@code ServiceLoader} lookup in
 * {@code META-INF/services/ch.qos.logback.classic.spi.Configurator}, so no XML is parsed at cold start):
 * one console appender on stdout, which Lambda ships to CloudWatch Logs, writing {@link LambdaJsonEncoder}
 * lines. Levels: {@code dev.switchboard} at {@code POWERTOOLS_LOG_LEVEL} (default {@code INFO}),
 * {@code software.amazon.awssdk} and {@code com.twilio} at {@code WARN}, everything else at {@code WARN}.
 *
 * <p>With {@code -Dlogback.configurationFile=...} (the benchmarks: lines to /dev/null) it steps aside and
 * Logback reads that file instead.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LambdaLogbackConfigurator extends ContextAwareBase implements Configurator {

    public static final String APPENDER = "JsonAppender";
    public static final String APPLICATION_LOGGER = "dev.switchboard";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        configure(context, System.getenv());
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    static void configure(LoggerContext context, Map<String, String> environment) {
        LambdaJsonEncoder encoder = new LambdaJsonEncoder();
        encoder.setContext(context);
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName(APPENDER);
        console.setEncoder(encoder);
        console.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(console);
        context.getLogger(APPLICATION_LOGGER).setLevel(applicationLevel(environment));
        context.getLogger("software.amazon.awssdk").setLevel(Level.WARN);
        context.getLogger("com.twilio").setLevel(Level.WARN);
    }

    /** {@code POWERTOOLS_LOG_LEVEL} as a Logback level; {@code INFO} when unset or not a level ({@code FATAL} is {@code ERROR}). */
    static Level applicationLevel(Map<String, String> environment) {
        String name = environment.get("POWERTOOLS_LOG_LEVEL");
        if (name == null || name.isBlank()) {
            return Level.INFO;
        }
        name = name.trim();
        return "FATAL".equalsIgnoreCase(name) ? Level.ERROR : Level.toLevel(name, Level.INFO);
    }
}
