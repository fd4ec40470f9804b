package dev.switchboard.shared.config;

import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.lambda.powertools.parameters.secrets.SecretsProvider;

/** Secrets Manager through Powertools Parameters; a separate class because its client is an optional jar. */
final class SecretsManagerStore implements ParameterStore {

    private final SecretsProvider provider;

    private SecretsManagerStore(SecretsProvider provider) {
        this.provider = provider;
    }

    static ParameterStore create(AwsSettings aws) {
        try {
            Class.forName("software.amazon.awssdk.services.secretsmanager.SecretsManagerClient");
        } catch (ClassNotFoundException e) {
            throw new ConfigException("a *_SECRET_ID setting is used, but this function is packaged without the"
                    + " Secrets Manager client: use a *_PARAMETER (SSM) setting instead");
        }
        SecretsManagerClient client = aws.configure(SecretsManagerClient.builder(), Duration.ofSeconds(5)).build();
        return new SecretsManagerStore(SecretsProvider.builder().withClient(client).build());
    }

    @Override
    public Optional<String> parameter(String name) {
        return Optional.empty();
    }

    @Override
    public Optional<String> secret(String secretId) {
        try {
            return Optional.ofNullable(provider.get(secretId));
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }
}
