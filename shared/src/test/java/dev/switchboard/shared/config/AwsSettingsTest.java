package dev.switchboard.shared.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class AwsSettingsTest {

    @Test
    void theRegionComesFromTheFunctionsEnvironment() {
        assertThat(new AwsSettings(Env.of(Map.of("AWS_REGION", "eu-west-1"))).region()).isEqualTo(Region.EU_WEST_1);
        assertThat(new AwsSettings(Env.of(Map.of("AWS_DEFAULT_REGION", "us-west-2"))).region()).isEqualTo(Region.US_WEST_2);
        assertThat(new AwsSettings(Env.of(Map.of())).region()).isEqualTo(Region.US_EAST_1);
    }

    @Test
    void endpointsAreTheSdksOwnSystemPropertiesNotTheEnvironmentMap() {
        AwsSettings aws = new AwsSettings(Env.of(Map.of("AWS_REGION", "us-east-1",
                "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:1", "AWS_ENDPOINT_URL", "http://127.0.0.1:2")));
        assertThat(aws.endpointOverride()).isEmpty();
        withSystemProperty("aws.endpointUrlDynamoDb", "http://127.0.0.1:8123", () -> {
            try (DynamoDbClient client = aws.configure(DynamoDbClient.builder(), Duration.ofSeconds(1)).build()) {
                assertThat(client.serviceClientConfiguration().endpointOverride())
                        .contains(URI.create("http://127.0.0.1:8123"));
                assertThat(client.serviceClientConfiguration().region()).isEqualTo(Region.US_EAST_1);
            }
        });
    }

    @Test
    void credentialsComeFromSystemPropertiesFirst() {
        AwsSettings aws = new AwsSettings(Env.of(Map.of("AWS_ACCESS_KEY_ID", "from-the-map",
                "AWS_SECRET_ACCESS_KEY", "ignored")));
        withSystemProperty("aws.accessKeyId", "local", () -> withSystemProperty("aws.secretAccessKey", "local-secret", () -> {
            AwsCredentials credentials = aws.credentials().resolveCredentials();
            assertThat(credentials.accessKeyId()).isEqualTo("local");
            assertThat(credentials.secretAccessKey()).isEqualTo("local-secret");
        }));
    }

    @Test
    void aTestEndpointComesWithItsOwnKeys() {
        AwsSettings aws = new AwsSettings(Env.of(Map.of())).withEndpoint(URI.create("http://127.0.0.1:9"), "k", "s");
        assertThat(aws.endpointOverride()).contains(URI.create("http://127.0.0.1:9"));
        assertThat(aws.credentials().resolveCredentials().accessKeyId()).isEqualTo("k");
        try (DynamoDbClient client = aws.configure(DynamoDbClient.builder(), Duration.ofSeconds(1)).build()) {
            assertThat(client.serviceClientConfiguration().endpointOverride()).contains(URI.create("http://127.0.0.1:9"));
        }
    }

    private static void withSystemProperty(String name, String value, Runnable body) {
        Optional<String> previous = Optional.ofNullable(System.getProperty(name));
        System.setProperty(name, value);
        try {
            body.run();
        } finally {
            previous.ifPresentOrElse(p -> System.setProperty(name, p), () -> System.clearProperty(name));
        }
    }
}
