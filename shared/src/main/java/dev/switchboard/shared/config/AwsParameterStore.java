package dev.switchboard.shared.config;

import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.lambda.powertools.parameters.ssm.SSMProvider;

/**
 * SSM Parameter Store through Powertools Parameters (cached, decrypted), and Secrets Manager when a
 * function's jar carries its client. Clients are only built on first use, so a function configured
 * entirely from its environment never pays for them.
 */
public final class AwsParameterStore implements ParameterStore {

    private final AwsSettings aws;
    private SSMProvider ssm;
    private ParameterStore secrets;

    public AwsParameterStore(AwsSettings aws) {
        this.aws = aws;
    }

    @Override
    public synchronized Optional<String> parameter(String name) {
        if (ssm == null) {
            SsmClient client = aws.configure(SsmClient.builder(), Duration.ofSeconds(5)).build();
            ssm = SSMProvider.builder().withClient(client).build();
        }
        try {
            return Optional.ofNullable(ssm.withDecryption().get(name));
        } catch (ParameterNotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public synchronized Optional<String> secret(String secretId) {
        if (secrets == null) {
            secrets = SecretsManagerStore.create(aws);
        }
        return secrets.secret(secretId);
    }
}
