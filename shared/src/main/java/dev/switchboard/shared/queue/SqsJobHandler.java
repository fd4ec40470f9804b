package dev.switchboard.shared.queue;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.switchboard.shared.logging.FunctionLogging;
import dev.switchboard.shared.logging.LogFields;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityRequest;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * The shape of every queue worker: each message is handled on its own and only the failed ones are
 * reported back ({@code ReportBatchItemFailures}), so one bad message never makes its batch-mates run
 * again. While a job is handled, every log line carries the job's {@link Job#logFields} as fields.
 * <ul>
 *   <li>{@link RetryLater} or any unexpected exception: the message's visibility is set to an exponential
 *       backoff for its attempt number and it is reported failed; after the queue's maxReceiveCount SQS
 *       moves it to the DLQ. On its last receive ({@code QUEUE_MAX_RECEIVE_COUNT}, the queue's
 *       maxReceiveCount) the failure is logged as an ERROR naming the cause, and the message is made visible
 *       at once so SQS moves it without waiting.</li>
 *   <li>{@link PermanentJobFailure} or a malformed job: the message is copied to the DLQ at once with the
 *       reason as a message attribute, and acknowledged, so it never loops.</li>
 * </ul>
 */
public abstract class SqsJobHandler<J extends Job> implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final JobType<J> jobType;
    private final SqsClient sqs;
    private final String queueUrl;
    private final String deadLetterQueueUrl;
    private final Backoff backoff;
    private final int maxReceiveCount;

    protected SqsJobHandler(JobType<J> jobType, WorkerQueues queues) {
        this.jobType = jobType;
        this.sqs = queues.sqs();
        this.queueUrl = queues.queueUrl();
        this.deadLetterQueueUrl = queues.deadLetterQueueUrl();
        this.backoff = queues.backoff();
        this.maxReceiveCount = queues.maxReceiveCount();
    }

    /** Does the job. Throw {@link RetryLater} for transient trouble, {@link PermanentJobFailure} for hopeless. */
    protected abstract void process(J job, JobAttempt attempt);

    @Override
    public final SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return FunctionLogging.around(context, () -> handleBatch(event));
    }

    private SQSBatchResponse handleBatch(SQSEvent event) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        if (event == null || event.getRecords() == null) {
            return new SQSBatchResponse(failures);
        }
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            try {
                if (!handleOne(message)) {
                    failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                }
            } finally {
                LogFields.clear();
            }
        }
        return new SQSBatchResponse(failures);
    }

    /** @return true when the message is done with (processed or dead-lettered) and may be deleted */
    private boolean handleOne(SQSEvent.SQSMessage message) {
        int attempt = receiveCount(message);
        J job;
        try {
            job = jobType.read(message.getBody());
            LogFields.putAll(job.logFields());
            job.validate();
        } catch (Exception e) {
            String reason = "malformed " + jobType.name() + ": " + oneLine(e.getMessage());
            log.error("Job {} sent to the dead-letter queue: {}", message.getMessageId(), reason);
            return deadLetter(message, reason);
        }
        try {
            process(job, new JobAttempt(message.getMessageId(), attempt));
            return true;
        } catch (PermanentJobFailure e) {
            log.error("Job {} sent to the dead-letter queue (attempt {}): {}", message.getMessageId(), attempt,
                    oneLine(e.getMessage()));
            return deadLetter(message, e.getMessage());
        } catch (RuntimeException e) {
            if (maxReceiveCount > 0 && attempt >= maxReceiveCount) {
                // SQS moves it to the DLQ instead of delivering it again: say so, and why, not "will be retried".
                if (e instanceof RetryLater) {
                    log.error("Job {} failed on its last receive ({} of {}) and goes to the dead-letter queue: {}",
                            message.getMessageId(), attempt, maxReceiveCount, oneLine(e.getMessage()));
                } else {
                    log.error("Job {} failed unexpectedly on its last receive ({} of {}) and goes to the dead-letter"
                            + " queue", message.getMessageId(), attempt, maxReceiveCount, e);
                }
                retryAfter(message, Duration.ZERO);
            } else if (e instanceof RetryLater retry) {
                Duration delay = delay(attempt, retry);
                log.warn("Job {} will be retried in {} s (attempt {}): {}", message.getMessageId(), delay.getSeconds(),
                        attempt, oneLine(e.getMessage()));
                retryAfter(message, delay);
            } else {
                Duration delay = backoff.delayFor(attempt);
                log.error("Job {} failed unexpectedly and will be retried in {} s (attempt {})", message.getMessageId(),
                        delay.getSeconds(), attempt, e);
                retryAfter(message, delay);
            }
            return false;
        }
    }

    private Duration delay(int attempt, RetryLater e) {
        Duration computed = backoff.delayFor(attempt);
        return e.minimumDelay().filter(min -> min.compareTo(computed) > 0).orElse(computed);
    }

    private void retryAfter(SQSEvent.SQSMessage message, Duration delay) {
        if (queueUrl == null || message.getReceiptHandle() == null) {
            return;
        }
        try {
            sqs.changeMessageVisibility(ChangeMessageVisibilityRequest.builder()
                    .queueUrl(queueUrl)
                    .receiptHandle(message.getReceiptHandle())
                    .visibilityTimeout((int) Math.min(43_200, delay.getSeconds()))
                    .build());
        } catch (SdkException e) {
            // The message still comes back, after the queue's own visibility timeout.
            log.warn("Could not set the retry delay of job {}: {}", message.getMessageId(), oneLine(e.getMessage()));
        }
    }

    private boolean deadLetter(SQSEvent.SQSMessage message, String reason) {
        if (deadLetterQueueUrl == null) {
            log.error("No DEAD_LETTER_QUEUE_URL: job {} stays on its queue until maxReceiveCount", message.getMessageId());
            return false;
        }
        try {
            sqs.sendMessage(SendMessageRequest.builder()
                    .queueUrl(deadLetterQueueUrl)
                    .messageBody(message.getBody())
                    .messageAttributes(Map.of(
                            "failure-reason", text(truncate(oneLine(reason), 1000)),
                            "failed-at", text(Instant.now().toString()),
                            "source-queue", text(queueUrl == null ? "unknown" : queueUrl),
                            "original-message-id", text(message.getMessageId())))
                    .build());
            return true;
        } catch (SdkException e) {
            log.error("Could not dead-letter job {}; it stays on its queue: {}", message.getMessageId(),
                    oneLine(e.getMessage()));
            return false;
        }
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    private static int receiveCount(SQSEvent.SQSMessage message) {
        Map<String, String> attributes = message.getAttributes();
        if (attributes == null) {
            return 1;
        }
        try {
            return Math.max(1, Integer.parseInt(attributes.getOrDefault("ApproximateReceiveCount", "1")));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").trim();
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
