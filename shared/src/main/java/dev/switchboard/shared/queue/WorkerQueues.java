package dev.switchboard.shared.queue;

import dev.switchboard.shared.config.Settings;
import java.time.Duration;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A worker's own queue ({@code QUEUE_URL}, for retry delays), its dead-letter queue
 * ({@code DEAD_LETTER_QUEUE_URL}, for hopeless jobs), its backoff ({@code RETRY_BASE_SECONDS},
 * {@code RETRY_MAX_SECONDS}) and the queue's redrive {@code maxReceiveCount} ({@code QUEUE_MAX_RECEIVE_COUNT},
 * 0 when not set: then a job's last receive is not recognised).
 */
public record WorkerQueues(SqsClient sqs, String queueUrl, String deadLetterQueueUrl, Backoff backoff,
                           int maxReceiveCount) {

    public WorkerQueues(SqsClient sqs, String queueUrl, String deadLetterQueueUrl, Backoff backoff) {
        this(sqs, queueUrl, deadLetterQueueUrl, backoff, 0);
    }

    public static WorkerQueues fromSettings(Settings settings, SqsClient sqs, Duration defaultBase, Duration defaultMax) {
        Duration base = settings.seconds("RETRY_BASE_SECONDS", defaultBase, Duration.ZERO, Duration.ofHours(12));
        Duration max = settings.seconds("RETRY_MAX_SECONDS", defaultMax, Duration.ZERO, Duration.ofHours(12));
        return new WorkerQueues(sqs, settings.required("QUEUE_URL"), settings.required("DEAD_LETTER_QUEUE_URL"),
                new Backoff(base, max), settings.integer("QUEUE_MAX_RECEIVE_COUNT", 0, 0, 1000));
    }
}
