package dev.switchboard.shared.storage;

import dev.switchboard.shared.config.AwsSettings;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Builds the DynamoDB client once per container. */
public final class DynamoDbClients {

    private DynamoDbClients() {
    }

    /** @param apiCallTimeout short for webhooks (a slow table must not hold a caller), longer for workers */
    public static DynamoDbClient create(AwsSettings aws, Duration apiCallTimeout) {
        return aws.configure(DynamoDbClient.builder(), apiCallTimeout).build();
    }
}
