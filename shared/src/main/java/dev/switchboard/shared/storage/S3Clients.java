package dev.switchboard.shared.storage;

import dev.switchboard.shared.config.AwsSettings;
import java.time.Duration;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Builds S3 clients. Locally s3proxy is addressed by IP ({@code http://127.0.0.1:<port>}), for which the
 * SDK's S3 endpoint rules choose path-style requests: an emulator has no per-bucket host names.
 */
public final class S3Clients {

    private S3Clients() {
    }

    public static S3Client create(AwsSettings aws, Duration apiCallTimeout) {
        return aws.configure(S3Client.builder(), apiCallTimeout).build();
    }

    public static S3Presigner presigner(AwsSettings aws) {
        S3Presigner.Builder builder = S3Presigner.builder()
                .region(aws.region())
                .credentialsProvider(aws.credentials());
        aws.endpointOverride().ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
