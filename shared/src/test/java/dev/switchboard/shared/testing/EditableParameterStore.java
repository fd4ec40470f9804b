package dev.switchboard.shared.testing;

import dev.switchboard.shared.config.ParameterStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * SSM Parameter Store and Secrets Manager as the owner edits them, with no cache, so every change is seen
 * at once: for tests of what must follow a rotated secret or an edited setting. Secrets are kept under
 * {@code secret:<id>}.
 */
public final class EditableParameterStore implements ParameterStore {

    public final Map<String, String> parameters = new ConcurrentHashMap<>();
    public final AtomicInteger reads = new AtomicInteger();
    /** When set, every read throws it (SSM throttling or unreachable). */
    public volatile RuntimeException failure;

    @Override
    public Optional<String> parameter(String name) {
        reads.incrementAndGet();
        if (failure != null) {
            throw failure;
        }
        return Optional.ofNullable(parameters.get(name));
    }

    @Override
    public Optional<String> secret(String secretId) {
        return parameter("secret:" + secretId);
    }

    /** Puts (or replaces) an SSM parameter. */
    public EditableParameterStore put(String name, String value) {
        parameters.put(name, value);
        return this;
    }

    /** Puts (or replaces) a Secrets Manager secret. */
    public EditableParameterStore putSecret(String secretId, String value) {
        parameters.put("secret:" + secretId, value);
        return this;
    }
}
