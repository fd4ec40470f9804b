package dev.switchboard.emulators;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Where DynamoDB, SQS and S3 answer and with which (fake) credentials: the in-process emulators, a
 * LocalStack container, or a local stack started by another process.
 *
 * <p>{@link #clientEnvironment()} is what a function process needs in its environment to talk to them (the
 * SDK reads {@code AWS_ENDPOINT_URL_<SERVICE>} itself); {@link #sdkSystemProperties()} is the same for
 * functions running inside this JVM ({@link SdkSystemProperties}). The {@code new...Client()} methods build
 * SDK clients for tests and tools (callers close them).
 */
public record AwsEndpoints(URI dynamoDb, URI sqs, URI s3, String region, String accessKeyId, String secretAccessKey) {

    public AwsEndpoints {
        Objects.requireNonNull(dynamoDb, "dynamoDb");
        Objects.requireNonNull(sqs, "sqs");
        Objects.requireNonNull(s3, "s3");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    }

    /**
     * Endpoints on this machine with the emulators' region and test credentials. They name the loopback
     * address (127.0.0.1), not {@code localhost}: for an IP the SDK's S3 endpoint rules use path-style
     * requests, which an emulator without per-bucket host names needs.
     */
    public static AwsEndpoints localhost(int dynamoDbPort, int sqsPort, int s3Port) {
        return new AwsEndpoints(
                URI.create("http://127.0.0.1:" + dynamoDbPort),
                URI.create("http://127.0.0.1:" + sqsPort),
                URI.create("http://127.0.0.1:" + s3Port),
                AwsEmulators.REGION, AwsEmulators.ACCESS_KEY_ID, AwsEmulators.SECRET_ACCESS_KEY);
    }

    /**
     * AWS_REGION, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_ENDPOINT_URL_DYNAMODB / _SQS / _S3, in
     * that order.
     */
    public Map<String, String> clientEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_REGION", region);
        env.put("AWS_ACCESS_KEY_ID", accessKeyId);
        env.put("AWS_SECRET_ACCESS_KEY", secretAccessKey);
        env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoDb.toString());
        env.put("AWS_ENDPOINT_URL_SQS", sqs.toString());
        env.put("AWS_ENDPOINT_URL_S3", s3.toString());
        return env;
    }

    /**
     * The AWS SDK's own system properties for the same settings (service endpoints, region, keys): what
     * clients built without explicit configuration read inside this JVM.
     */
    public Map<String, String> sdkSystemProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("aws.endpointUrlDynamoDb", dynamoDb.toString());
        properties.put("aws.endpointUrlSqs", sqs.toString());
        properties.put("aws.endpointUrlS3", s3.toString());
        properties.put("aws.region", region);
        properties.put("aws.accessKeyId", accessKeyId);
        properties.put("aws.secretAccessKey", secretAccessKey);
        return properties;
    }

    public DynamoDbClient newDynamoDbClient() {
        return DynamoDbClient.builder()
                .endpointOverride(dynamoDb)
                .region(Region.of(region))
                .credentialsProvider(credentials())
                .httpClientBuilder(httpClient())
                .overrideConfiguration(overrides())
                .build();
    }

    public SqsClient newSqsClient() {
        return SqsClient.builder()
                .endpointOverride(sqs)
                .region(Region.of(region))
                .credentialsProvider(credentials())
                .httpClientBuilder(httpClient())
                .overrideConfiguration(overrides())
                .build();
    }

    /** Path-style, as s3proxy (and LocalStack without DNS tricks) needs. */
    public S3Client newS3Client() {
        return S3Client.builder()
                .endpointOverride(s3)
                .region(Region.of(region))
                .forcePathStyle(true)
                .credentialsProvider(credentials())
                .httpClientBuilder(httpClient())
                .overrideConfiguration(overrides())
                .build();
    }

    private StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey));
    }

    private static UrlConnectionHttpClient.Builder httpClient() {
        // The socket timeout must exceed SQS long polls (up to 20 s).
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(30));
    }

    private static ClientOverrideConfiguration overrides() {
        return ClientOverrideConfiguration.builder().apiCallTimeout(Duration.ofSeconds(60)).build();
    }
}
