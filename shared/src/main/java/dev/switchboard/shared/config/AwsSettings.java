package dev.switchboard.shared.config;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * How every AWS SDK client is built: the URL-connection HTTP client (the lightest to start), the region
 * from {@code AWS_REGION}, and an endpoint override from {@code AWS_ENDPOINT_URL_<SERVICE>} or
 * {@code AWS_ENDPOINT_URL} so that the same code talks to DynamoDB Local, ElasticMQ and s3proxy.
 *
 * <p>Clients are built once per container (in a handler's constructor) and reused across invocations.
 */
public final class AwsSettings {

    private final Env env;

    public AwsSettings(Env env) {
        this.env = env;
    }

    public Region region() {
        return Region.of(env.get("AWS_REGION").or(() -> env.get("AWS_DEFAULT_REGION")).orElse("us-east-1"));
    }

    /** The endpoint override for a service id such as {@code DYNAMODB}, {@code SQS}, {@code S3}. */
    public Optional<URI> endpoint(String serviceId) {
        String key = "AWS_ENDPOINT_URL_" + serviceId.toUpperCase(Locale.ROOT);
        return env.get(key).or(() -> env.get("AWS_ENDPOINT_URL")).map(value -> {
            try {
                return URI.create(value);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(key + " is not a valid URL");
            }
        });
    }

    /**
     * Static keys from the function's own environment when an emulator endpoint is configured (the local
     * stack hands them over per function); otherwise the default chain, which in Lambda also covers
     * SnapStart's container credentials.
     */
    public AwsCredentialsProvider credentials(boolean endpointOverridden) {
        Optional<String> key = env.get("AWS_ACCESS_KEY_ID");
        Optional<String> secret = env.get("AWS_SECRET_ACCESS_KEY");
        if (endpointOverridden && key.isPresent() && secret.isPresent()) {
            Optional<String> session = env.get("AWS_SESSION_TOKEN");
            return StaticCredentialsProvider.create(session
                    .<software.amazon.awssdk.auth.credentials.AwsCredentials>map(
                            token -> AwsSessionCredentials.create(key.get(), secret.get(), token))
                    .orElseGet(() -> AwsBasicCredentials.create(key.get(), secret.get())));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    /** Applies region, endpoint, credentials, HTTP client and an overall call timeout to a client builder. */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(
            B builder, String serviceId, Duration apiCallTimeout) {
        Optional<URI> endpoint = endpoint(serviceId);
        endpoint.ifPresent(builder::endpointOverride);
        return builder
                .region(region())
                .credentialsProvider(credentials(endpoint.isPresent()))
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(apiCallTimeout))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallTimeout(apiCallTimeout)
                        .build());
    }
}
