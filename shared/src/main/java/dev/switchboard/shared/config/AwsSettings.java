package dev.switchboard.shared.config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * How every AWS SDK client is built: the URL-connection HTTP client (the lightest to start), the region
 * from the function's {@code AWS_REGION}, an overall call timeout, and a short credentials chain.
 *
 * <p>Endpoints are left to the SDK, which reads {@code AWS_ENDPOINT_URL_<SERVICE>} from the process
 * environment and {@code aws.endpointUrl<Service>} from system properties (the local stack sets those to
 * its emulators). The one explicit override, {@link #withEndpoint}, is for tests.
 *
 * <p>Credentials: system properties (the local stack's emulator keys), then environment variables (what
 * Lambda provides), then the container credentials endpoint (what Lambda provides under SnapStart, where
 * the environment has no keys). The SDK's default chain would also read profile files and probe the EC2
 * instance metadata service, neither of which exists in Lambda: on a cold start that only costs time.
 *
 * <p>Clients are built once per container (in a handler's constructor) and reused across invocations.
 */
public final class AwsSettings {

    private final Env env;
    private final URI endpoint;
    private final AwsCredentialsProvider fixedCredentials;

    public AwsSettings(Env env) {
        this(env, null, null);
    }

    private AwsSettings(Env env, URI endpoint, AwsCredentialsProvider fixedCredentials) {
        this.env = env;
        this.endpoint = endpoint;
        this.fixedCredentials = fixedCredentials;
    }

    /** Every client talks to {@code endpoint} with these keys: for tests (an emulator, or a closed port as an outage). */
    public AwsSettings withEndpoint(URI endpoint, String accessKeyId, String secretAccessKey) {
        return new AwsSettings(env, endpoint,
                StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey)));
    }

    public Region region() {
        return Region.of(env.get("AWS_REGION").or(() -> env.get("AWS_DEFAULT_REGION")).orElse("us-east-1"));
    }

    /** The endpoint given to {@link #withEndpoint}; empty when the SDK resolves endpoints itself. */
    public Optional<URI> endpointOverride() {
        return Optional.ofNullable(endpoint);
    }

    /** System properties, then environment variables, then container credentials (see the class comment). */
    public AwsCredentialsProvider credentials() {
        if (fixedCredentials != null) {
            return fixedCredentials;
        }
        return AwsCredentialsProviderChain.of(SystemPropertyCredentialsProvider.create(),
                EnvironmentVariableCredentialsProvider.create(), ContainerCredentialsProvider.create());
    }

    /** Applies region, credentials, HTTP client, an overall call timeout (and a test endpoint) to a client builder. */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(B builder,
            Duration apiCallTimeout) {
        endpointOverride().ifPresent(builder::endpointOverride);
        return builder
                .region(region())
                .credentialsProvider(credentials())
                // Wrapped so SnapStart priming can run the SDK's whole request path without a request leaving,
                // and so a small request goes out in one TCP write (see OneWriteHttpClient).
                .httpClient(new PrimingHttpClient(new OneWriteHttpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(apiCallTimeout)
                        .build())))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallTimeout(apiCallTimeout)
                        .build());
    }
}
