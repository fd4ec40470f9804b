package dev.switchboard.emulators;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An {@code AWS::SQS::Queue}. {@code deadLetterQueueLogicalId} and {@code maxReceiveCount} come from its
 * {@code RedrivePolicy}; the DLQ is named by logical id ({@code !GetAtt SomeDlq.Arn}).
 */
public record QueueDefinition(String logicalId, Optional<Object> queueName, OptionalInt visibilityTimeout,
        OptionalInt messageRetentionPeriod, OptionalInt delaySeconds, OptionalInt receiveMessageWaitTimeSeconds,
        OptionalInt maximumMessageSize, Optional<String> deadLetterQueueLogicalId, OptionalInt maxReceiveCount,
        boolean fifo, boolean contentBasedDeduplication, Optional<String> condition, Map<String, Object> properties) {

    /** SQS's default visibility timeout when the template sets none. */
    public static final int DEFAULT_VISIBILITY_TIMEOUT = 30;

    public boolean hasRedrivePolicy() {
        return deadLetterQueueLogicalId.isPresent();
    }
}
