package dev.switchboard.shared.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.internal.LoggingManager;

/**
 * How Powertools logging changes levels on Logback ({@code POWERTOOLS_LOG_LEVEL}, Lambda's advanced logging
 * controls, the debug sampling rate): the stand-in for {@code powertools-logging-logback}'s manager, which
 * this project's Maven mirror does not serve. Registered in
 * {@code META-INF/services/software.amazon.lambda.powertools.logging.internal.LoggingManager}.
 *
 * <p>Unlike the log4j module's manager, which set every logger, it sets the application's loggers
 * ({@code dev.switchboard}) only: the AWS SDK and Twilio stay at {@code WARN} as configured
 * ({@link LambdaLogbackConfigurator}), so a sampled invocation's debug lines are ours, not the SDK's wire logs.
 */
public final class LogbackLoggingManager implements LoggingManager {

    @Override
    public void setLogLevel(org.slf4j.event.Level level) {
        context().getLogger(LambdaLogbackConfigurator.APPLICATION_LOGGER).setLevel(Level.convertAnSLF4JLevel(level));
    }

    @Override
    public org.slf4j.event.Level getLogLevel(org.slf4j.Logger logger) {
        Level level = context().getLogger(logger.getName()).getEffectiveLevel();
        if (level.toInt() <= Level.TRACE_INT) {
            return org.slf4j.event.Level.TRACE;
        }
        if (level.toInt() >= Level.ERROR_INT) {
            return org.slf4j.event.Level.ERROR;
        }
        return org.slf4j.event.Level.valueOf(level.levelStr);
    }

    private static LoggerContext context() {
        return (LoggerContext) LoggerFactory.getILoggerFactory();
    }
}
