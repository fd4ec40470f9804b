package dev.switchboard.local;

import dev.switchboard.emulators.QueueDefinition;
import dev.switchboard.emulators.SamTemplate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * Moves messages from a queue's dead-letter queue back to the queue (receive, send, delete), keeping
 * their message attributes: the local equivalent of {@code aws sqs start-message-move-task}.
 */
final class QueueRedrive {

    /** The queue messages go back to and the DLQ they come from, by logical id. */
    record Pair(String source, String deadLetterQueue) {
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

    /** Moves up to {@code max} messages; returns how many moved. */
    static int move(SqsClient sqs, String fromUrl, String toUrl, int max) {
        int moved = 0;
        while (moved < max) {
            int batch = Math.min(10, max - moved);
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(fromUrl).maxNumberOfMessages(batch)
                    .waitTimeSeconds(1).messageAttributeNames("All")
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
            if (messages.isEmpty()) {
                break;
            }
            for (Message message : messages) {
                SendMessageRequest.Builder send = SendMessageRequest.builder().queueUrl(toUrl)
                        .messageBody(message.body()).messageAttributes(message.messageAttributes());
                Map<MessageSystemAttributeName, String> system = message.attributes();
                if (toUrl.endsWith(".fifo")) {
                    send.messageGroupId(system.get(MessageSystemAttributeName.MESSAGE_GROUP_ID));
                    send.messageDeduplicationId(system.get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID));
                }
                sqs.sendMessage(send.build());
                sqs.deleteMessage(b -> b.queueUrl(fromUrl).receiptHandle(message.receiptHandle()));
                moved++;
            }
        }
        return moved;
    }
}
