package dev.switchboard.shared.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import software.amazon.lambda.powertools.parameters.BaseProvider;
import software.amazon.lambda.powertools.parameters.cache.CacheManager;

/**
 * One Powertools Parameters provider (SSM or Secrets Manager) and its cache. Values are served from the
 * cache for at most the max age, then read again; {@link #drop} throws the whole cache away (the provider is
 * rebuilt around a new {@link CacheManager} on the next read; the SDK client behind it is kept).
 */
final class CachedProvider {

    private final Function<CacheManager, BaseProvider> build;
    private final UnaryOperator<BaseProvider> perRead;
    private final Predicate<RuntimeException> notFound;
    private BaseProvider provider;

    /**
     * @param build    the provider around a given cache manager
     * @param perRead  what each read sets first (SSM: {@code withDecryption()})
     * @param notFound whether an exception means the parameter or secret does not exist
     */
    CachedProvider(Function<CacheManager, BaseProvider> build, UnaryOperator<BaseProvider> perRead,
                   Predicate<RuntimeException> notFound) {
        this.build = build;
        this.perRead = perRead;
        this.notFound = notFound;
    }

    synchronized Optional<String> get(String name, Duration maxAge) {
        if (provider == null) {
            provider = build.apply(new CacheManager());
        }
        try {
            return Optional.ofNullable(perRead.apply(provider)
                    .withMaxAge((int) maxAge.getSeconds(), ChronoUnit.SECONDS)
                    .get(name));
        } catch (RuntimeException e) {
            if (notFound.test(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    synchronized void drop() {
        provider = null;
    }
}
