package dev.switchboard.shared.storage;

import dev.switchboard.shared.config.AwsSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Builds S3 clients. With an endpoint override (s3proxy locally) requests are path-style, because an
 * emulator on localhost has no per-bucket host names.
 */
public final class S3Clients {

    private S3Clients() {
    }

    public static S3Client create(AwsSettings aws, Duration apiCallTimeout) {
        boolean emulated = aws.endpoint("S3").isPresent();
        return aws.configure(S3Client.builder(), "S3", apiCallTimeout)
                .forcePathStyle(emulated)
                .build();
    }

    public static S3Presigner presigner(AwsSettings aws) {
        Optional<URI> endpoint = aws.endpoint("S3");
        S3Presigner.Builder builder = S3Presigner.builder()
                .region(aws.region())
                .credentialsProvider(aws.credentials(endpoint.isPresent()))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(endpoint.isPresent()).build());
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
