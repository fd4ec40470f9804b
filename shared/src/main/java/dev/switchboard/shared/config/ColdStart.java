package dev.switchboard.shared.config;

import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps a handler's no-arg wiring: a configuration error fails the cold start with one clear ERROR line
 * naming the variable (and the exception Lambda reports carries the same single line).
 */
public final class ColdStart {

    private static final Logger LOG = LoggerFactory.getLogger(ColdStart.class);

    private ColdStart() {
    }

    public static <T> T wire(String function, Supplier<T> wiring) {
        try {
            return wiring.get();
        } catch (ConfigException e) {
            LOG.error("{} cannot start: {}", function, e.getMessage());
            throw e;
        }
    }
}
