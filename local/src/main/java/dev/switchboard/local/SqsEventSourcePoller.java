package dev.switchboard.local;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.switchboard.emulators.AwsEmulators;
import dev.switchboard.emulators.LocalResources;
import dev.switchboard.emulators.SqsEventSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Lambda's SQS event source mapping for one queue: long-polls the queue, hands the worker an
 * {@link SQSEvent} of at most {@code BatchSize} records built exactly like Lambda builds it, and deletes
 * the messages that succeeded.
 *
 * <ul>
 *   <li>With {@code FunctionResponseTypes: [ReportBatchItemFailures]}: everything except the reported
 *       {@code batchItemFailures} is deleted; a failure naming an unknown or empty message id fails the
 *       whole batch (as Lambda does).
 *   <li>Without it: the whole batch is deleted when the handler returns.
 *   <li>When the handler throws or returns null (with ReportBatchItemFailures): nothing is deleted.
 * </ul>
 *
 * Messages left undeleted reappear after their visibility timeout (handlers may change it with
 * ChangeMessageVisibility), and the queue's redrive policy moves them to the DLQ after maxReceiveCount:
 * that part is the emulator's, as it is SQS's in AWS.
 */
final class SqsEventSourcePoller implements AutoCloseable {

    /** Lambda's own long-poll is 20 s; 1 s keeps shutdown quick and latency low. */
    static final int WAIT_TIME_SECONDS = 1;

    private final SqsEventSource source;
    private final LocalResources.Queue queue;
    private final LambdaFunction function;
    private final SqsClient sqs;
    private final Thread thread;
    private volatile boolean running = true;

    SqsEventSourcePoller(SqsEventSource source, LocalResources.Queue queue, LambdaFunction function, SqsClient sqs) {
        this.source = source;
        this.queue = queue;
        this.function = function;
        this.sqs = sqs;
        this.thread = new Thread(this::pollLoop, "sqs-poller-" + queue.logicalId());
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    SqsEventSource source() {
        return source;
    }

    LocalResources.Queue queue() {
        return queue;
    }

    LambdaFunction function() {
        return function;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(WAIT_TIME_SECONDS + 5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pollLoop() {
        try {
            if (!function.isReady()) {
                return;   // its initialization failed: the stack reported it, and Lambda would not poll either
            }
        } catch (IllegalStateException interruptedWhileWaiting) {
            return;
        }
        boolean reportedError = false;
        while (running) {
            try {
                pollOnce();
                reportedError = false;
            } catch (AbortedException e) {
                if (!running) {
                    return;
                }
            } catch (SdkException e) {
                if (!running) {
                    return;
                }
                if (!reportedError) {
                    ConsoleLog.warn("sqs", "polling " + queue.name() + " failed (" + e.getMessage()
                            + "); retrying every second");
                    reportedError = true;
                }
                sleepQuietly(1000);
            } catch (RuntimeException e) {
                ConsoleLog.error("sqs", "poller for " + queue.name() + " failed", e);
                sleepQuietly(1000);
            }
        }
    }

    /** One receive, at most one invocation; visible for tests. */
    void pollOnce() {
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queue.url())
                .maxNumberOfMessages(Math.min(10, Math.max(1, source.batchSize())))
                .waitTimeSeconds(WAIT_TIME_SECONDS)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .messageAttributeNames("All")).messages();
        if (messages.isEmpty() || !running) {
            return;
        }
        SQSEvent event = toEvent(messages, queue.arn());
        long start = System.nanoTime();
        Object result;
        try {
            result = function.invoke(event);
        } catch (RuntimeException | Error e) {
            ConsoleLog.error("sqs", function.logicalId() + " threw on " + messages.size() + " message(s) from "
                    + queue.name() + "; none deleted, they return after the visibility timeout", e);
            return;
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        Set<String> failed = new LinkedHashSet<>();
        if (source.reportsBatchItemFailures()) {
            if (result == null) {
                ConsoleLog.warn("sqs", function.logicalId() + " returned null; treating the batch as failed");
                return;
            }
            if (!(result instanceof SQSBatchResponse response)) {
                ConsoleLog.warn("sqs", function.logicalId() + " returned " + result.getClass().getName()
                        + ", not an SQSBatchResponse; treating the batch as failed");
                return;
            }
            Set<String> ids = new LinkedHashSet<>();
            messages.forEach(m -> ids.add(m.messageId()));
            if (response.getBatchItemFailures() != null) {
                for (SQSBatchResponse.BatchItemFailure failure : response.getBatchItemFailures()) {
                    String id = failure == null ? null : failure.getItemIdentifier();
                    if (id == null || id.isBlank() || !ids.contains(id)) {
                        ConsoleLog.warn("sqs", function.logicalId() + " reported a failure for unknown message id '"
                                + id + "'; treating the whole batch as failed");
                        return;
                    }
                    failed.add(id);
                }
            }
        }
        List<Message> succeeded = messages.stream().filter(m -> !failed.contains(m.messageId())).toList();
        delete(succeeded);
        ConsoleLog.info("sqs", queue.name() + " -> " + function.logicalId() + ": " + messages.size()
                + " message(s), " + succeeded.size() + " done, " + failed.size() + " to retry (" + millis + " ms)");
    }

    private void delete(List<Message> messages) {
        if (messages.isEmpty()) {
            return;
        }
        List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            entries.add(DeleteMessageBatchRequestEntry.builder().id(String.valueOf(i))
                    .receiptHandle(messages.get(i).receiptHandle()).build());
        }
        DeleteMessageBatchResponse response = sqs.deleteMessageBatch(b -> b.queueUrl(queue.url()).entries(entries));
        if (response.hasFailed() && !response.failed().isEmpty()) {
            ConsoleLog.warn("sqs", "could not delete " + response.failed().size() + " message(s) from " + queue.name()
                    + ": " + response.failed().get(0).message());
        }
    }

    /** The event Lambda's SQS poller would send for these messages. */
    static SQSEvent toEvent(List<Message> messages, String queueArn) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (Message message : messages) {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(message.messageId());
            record.setReceiptHandle(message.receiptHandle());
            record.setBody(message.body());
            record.setAttributes(new LinkedHashMap<>(message.attributesAsStrings()));
            Map<String, SQSEvent.MessageAttribute> attributes = new LinkedHashMap<>();
            message.messageAttributes().forEach((name, value) -> attributes.put(name, toAttribute(value)));
            record.setMessageAttributes(attributes);
            record.setMd5OfBody(message.md5OfBody());
            record.setMd5OfMessageAttributes(message.md5OfMessageAttributes());
            record.setEventSource("aws:sqs");
            record.setEventSourceArn(queueArn);
            record.setAwsRegion(AwsEmulators.REGION);
            records.add(record);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    private static SQSEvent.MessageAttribute toAttribute(MessageAttributeValue value) {
        SQSEvent.MessageAttribute attribute = new SQSEvent.MessageAttribute();
        attribute.setDataType(value.dataType());
        attribute.setStringValue(value.stringValue());
        if (value.binaryValue() != null) {
            attribute.setBinaryValue(value.binaryValue().asByteBuffer());
        }
        attribute.setStringListValues(value.hasStringListValues() ? value.stringListValues() : List.of());
        attribute.setBinaryListValues(value.hasBinaryListValues()
                ? value.binaryListValues().stream().map(b -> b.asByteBuffer()).toList() : List.of());
        return attribute;
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
