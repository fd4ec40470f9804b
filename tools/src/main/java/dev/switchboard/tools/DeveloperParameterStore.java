package dev.switchboard.tools;

import dev.switchboard.shared.config.ConfigException;
import dev.switchboard.shared.config.ParameterStore;
import java.util.Optional;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

/**
 * SSM parameters (a {@code *_PARAMETER} setting, e.g. {@code TWILIO_AUTH_TOKEN_PARAMETER}) read with the
 * developer's own AWS configuration: default credentials (profiles, SSO included) and region. The client
 * is built on first use only.
 */
final class DeveloperParameterStore implements ParameterStore {

    private SsmClient ssm;

    @Override
    public synchronized Optional<String> parameter(String name) {
        if (ssm == null) {
            ssm = SsmClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        }
        try {
            return Optional.ofNullable(ssm.getParameter(b -> b.name(name).withDecryption(true)).parameter().value());
        } catch (ParameterNotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<String> secret(String secretId) {
        throw new ConfigException("this tool reads SSM parameters, not Secrets Manager: set the value itself or its"
                + " *_PARAMETER instead of " + secretId);
    }
}
