package dev.switchboard.shared.config;

import java.time.Duration;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.lambda.powertools.parameters.BaseProvider;
import software.amazon.lambda.powertools.parameters.cache.CacheManager;
import software.amazon.lambda.powertools.parameters.secrets.SecretsProvider;

/**
 * Secrets Manager through Powertools Parameters; a separate class because its client is an optional jar:
 * it is only loaded when a {@code *_SECRET_ID} setting is read.
 */
final class SecretsManagerStore {

    private SecretsManagerStore() {
    }

    static CachedProvider create(AwsSettings aws) {
        try {
            Class.forName("software.amazon.awssdk.services.secretsmanager.SecretsManagerClient");
        } catch (ClassNotFoundException e) {
            throw new ConfigException("a *_SECRET_ID setting is used, but this function is packaged without the"
                    + " Secrets Manager client: use a *_PARAMETER (SSM) setting instead");
        }
        SecretsManagerClient client = aws.configure(SecretsManagerClient.builder(), Duration.ofSeconds(5)).build();
        return new CachedProvider(cache -> provider(client, cache), p -> p, e -> e instanceof ResourceNotFoundException);
    }

    private static BaseProvider provider(SecretsManagerClient client, CacheManager cache) {
        return SecretsProvider.builder().withClient(client).withCacheManager(cache).build();
    }
}
