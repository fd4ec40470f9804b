package dev.switchboard.shared.queue;

import dev.switchboard.shared.config.AwsSettings;
import java.time.Duration;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Builds the SQS client once per container. */
public final class SqsClients {

    private SqsClients() {
    }

    public static SqsClient create(AwsSettings aws, Duration apiCallTimeout) {
        return aws.configure(SqsClient.builder(), apiCallTimeout).build();
    }
}
