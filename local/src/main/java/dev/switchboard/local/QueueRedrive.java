package dev.switchboard.local;

import dev.switchboard.emulators.QueueDefinition;
import dev.switchboard.emulators.SamTemplate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * Moves messages from a queue's dead-letter queue back to the queue (receive, send, delete), keeping
 * their message attributes: the local equivalent of {@code aws sqs start-message-move-task}.
 *
 * <p>Only what is in the DLQ when the move starts is moved. A message sent to the queue by this move is
 * new (its {@code SentTimestamp} is after the start): if it fails again and comes back, it is left in the
 * DLQ, so a move whose cause is not fixed still ends.
 */
final class QueueRedrive {

    /** The queue messages go back to and the DLQ they come from, by logical id. */
    record Pair(String source, String deadLetterQueue) {
    }

    /** How many moved, and how many of those came back to the DLQ while the move was running. */
    record Result(int moved, int failedAgain) {
    }

    private QueueRedrive() {
    }

    /** Accepts either the source queue's or the DLQ's logical id. */
    static Pair resolve(SamTemplate template, String queueLogicalId) {
        QueueDefinition queue = template.queues().get(queueLogicalId);
        if (queue == null) {
            throw new IllegalArgumentException("No queue " + queueLogicalId + " in the template; queues: "
                    + template.queues().keySet());
        }
        if (queue.deadLetterQueueLogicalId().isPresent()) {
            return new Pair(queueLogicalId, queue.deadLetterQueueLogicalId().get());
        }
        Optional<QueueDefinition> source = template.queues().values().stream()
                .filter(q -> q.deadLetterQueueLogicalId().filter(queueLogicalId::equals).isPresent())
                .findFirst();
        return source.map(s -> new Pair(s.logicalId(), queueLogicalId)).orElseThrow(() -> new IllegalArgumentException(
                queueLogicalId + " has no RedrivePolicy and is no queue's dead-letter queue"));
    }

    /** Moves up to {@code max} of the messages in {@code fromUrl} now. */
    static Result move(SqsClient sqs, String fromUrl, String toUrl, int max) {
        long startedAt = System.currentTimeMillis();
        int limit = Math.min(max, waiting(sqs, fromUrl));
        int moved = 0;
        Set<String> failedAgain = new HashSet<>();
        while (moved < limit) {
            int batch = Math.min(10, limit - moved);
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(fromUrl).maxNumberOfMessages(batch)
                    .waitTimeSeconds(1).messageAttributeNames("All")
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
            int ours = 0;
            for (Message message : messages) {
                Map<MessageSystemAttributeName, String> system = message.attributes();
                if (Long.parseLong(system.getOrDefault(MessageSystemAttributeName.SENT_TIMESTAMP, "0")) >= startedAt) {
                    // Sent by this move and failed again: it stays in the DLQ, visible for the next move.
                    sqs.changeMessageVisibility(b -> b.queueUrl(fromUrl).receiptHandle(message.receiptHandle())
                            .visibilityTimeout(0));
                    failedAgain.add(message.messageId());
                    ours++;
                    continue;
                }
                SendMessageRequest.Builder send = SendMessageRequest.builder().queueUrl(toUrl)
                        .messageBody(message.body()).messageAttributes(message.messageAttributes());
                if (toUrl.endsWith(".fifo")) {
                    send.messageGroupId(system.get(MessageSystemAttributeName.MESSAGE_GROUP_ID));
                    send.messageDeduplicationId(system.get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID));
                }
                sqs.sendMessage(send.build());
                sqs.deleteMessage(b -> b.queueUrl(fromUrl).receiptHandle(message.receiptHandle()));
                moved++;
            }
            if (messages.isEmpty() || ours == messages.size()) {
                break;
            }
        }
        return new Result(moved, failedAgain.size());
    }

    /** Messages in the queue, visible or in flight. */
    private static int waiting(SqsClient sqs, String queueUrl) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0"))
                + Integer.parseInt(attributes.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0"));
    }
}
