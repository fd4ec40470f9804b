package dev.switchboard.shared.config;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.lambda.powertools.parameters.ssm.SSMProvider;

/**
 * SSM Parameter Store and Secrets Manager through Powertools Parameters: SecureStrings decrypted, every
 * value cached for at most the max age ({@code PARAMETER_MAX_AGE_SECONDS}, default 300 s) and then read
 * again, so a rotated token or an edited {@code LINES} is in use within that time without a redeploy. A
 * parameter or secret that does not exist is remembered as absent for the same time (an optional secret the
 * owner never created costs one read per max age, not one per request). After a SnapStart restore every
 * cache is dropped ({@link RestoreHooks}).
 *
 * <p>Clients are only built on first use, so a function configured entirely from its environment never pays
 * for them; the Secrets Manager client is an optional jar.
 */
public final class AwsParameterStore implements ParameterStore, RestoreHooks.AfterRestore {

    public static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(300);

    private final Supplier<CachedProvider> ssmFactory;
    private final Supplier<CachedProvider> secretsFactory;
    private final Clock clock;
    private final Map<String, Instant> absentUntil = new ConcurrentHashMap<>();
    private volatile Duration maxAge = DEFAULT_MAX_AGE;
    private CachedProvider ssm;
    private CachedProvider secrets;

    public AwsParameterStore(AwsSettings aws) {
        this(() -> ssm(aws), () -> SecretsManagerStore.create(aws), Clock.systemUTC());
    }

    /** For tests: providers over fakes, and the clock that ages remembered absences. */
    AwsParameterStore(Supplier<CachedProvider> ssmFactory, Supplier<CachedProvider> secretsFactory, Clock clock) {
        this.ssmFactory = ssmFactory;
        this.secretsFactory = secretsFactory;
        this.clock = clock;
        RestoreHooks.register(this);
    }

    private static CachedProvider ssm(AwsSettings aws) {
        SsmClient client = aws.configure(SsmClient.builder(), Duration.ofSeconds(5)).build();
        return new CachedProvider(cache -> SSMProvider.builder().withClient(client).withCacheManager(cache).build(),
                provider -> ((SSMProvider) provider).withDecryption(), e -> e instanceof ParameterNotFoundException);
    }

    @Override
    public void useMaxAge(Duration maxAge) {
        this.maxAge = maxAge;
    }

    @Override
    public Optional<String> parameter(String name) {
        return read("ssm:" + name, name, this::ssm);
    }

    @Override
    public Optional<String> secret(String secretId) {
        return read("secret:" + secretId, secretId, this::secrets);
    }

    private Optional<String> read(String key, String name, Supplier<CachedProvider> provider) {
        Instant now = clock.instant();
        Instant absent = absentUntil.get(key);
        if (absent != null && now.isBefore(absent)) {
            return Optional.empty();
        }
        Optional<String> value = provider.get().get(name, maxAge);
        if (value.isEmpty()) {
            absentUntil.put(key, now.plus(maxAge));
        } else {
            absentUntil.remove(key);
        }
        return value;
    }

    private synchronized CachedProvider ssm() {
        if (ssm == null) {
            ssm = ssmFactory.get();
        }
        return ssm;
    }

    private synchronized CachedProvider secrets() {
        if (secrets == null) {
            secrets = secretsFactory.get();
        }
        return secrets;
    }

    /** Drops every cached value and remembered absence: nothing read before a snapshot is served after it. */
    @Override
    public synchronized void afterRestore() {
        if (ssm != null) {
            ssm.drop();
        }
        if (secrets != null) {
            secrets.drop();
        }
        absentUntil.clear();
    }
}
