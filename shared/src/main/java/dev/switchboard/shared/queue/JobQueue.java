package dev.switchboard.shared.queue;

import dev.switchboard.shared.json.Json;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * One SQS queue that jobs (records serialised as JSON) are put on, each with a {@code job-type} message
 * attribute naming its record ({@code CrmSyncJob.Call}, {@code ArchiveRecordingJob}), for whoever reads a DLQ.
 */
public final class JobQueue {

    private final SqsClient sqs;
    private final String queueUrl;

    public JobQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    public String url() {
        return queueUrl;
    }

    /** Sends a job; returns the SQS message id. */
    public String send(Job job) {
        return send(job, 0);
    }

    public String send(Job job, int delaySeconds) {
        return sqs.sendMessage(SendMessageRequest.builder()
                .queueUrl(queueUrl)
                .messageBody(Json.write(job))
                .delaySeconds(delaySeconds)
                .messageAttributes(Map.of("job-type", MessageAttributeValue.builder()
                        .dataType("String").stringValue(typeName(job.getClass())).build()))
                .build()).messageId();
    }

    static String typeName(Class<?> type) {
        Class<?> outer = type.getEnclosingClass();
        return outer == null ? type.getSimpleName() : outer.getSimpleName() + "." + type.getSimpleName();
    }
}
