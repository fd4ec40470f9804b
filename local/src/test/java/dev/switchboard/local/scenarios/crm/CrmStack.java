package dev.switchboard.local.scenarios.crm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.crm.LeadLinks;
import dev.switchboard.crm.lead.LeadLink;
import dev.switchboard.local.LocalStack;
import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.storage.Table;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** What the CRM scenarios do with the local stack: put jobs on CrmQueue, wait for the worker, read the results. */
final class CrmStack {

    static final Duration PATIENCE = Duration.ofSeconds(60);

    private CrmStack() {
    }

    static Path template() {
        return Path.of("..", "template.yaml").toAbsolutePath().normalize();
    }

    /** Puts a job on CrmQueue the way the quote, call-status and transcriber functions do. */
    static void send(LocalStack stack, Object job) {
        stack.emulators().sqs().sendMessage(b -> b.queueUrl(stack.resources().queueUrl("CrmQueue"))
                .messageBody(Json.write(job)));
    }

    static Table table(LocalStack stack) {
        return new Table(stack.emulators().dynamoDb(), stack.resources().tableName("SwitchboardTable"));
    }

    static boolean done(LocalStack stack, String idempotencyKey) {
        return new LeadLinks(table(stack)).isDone(idempotencyKey);
    }

    static Optional<LeadLink> lead(LocalStack stack, String phone) {
        return new LeadLinks(table(stack)).find(phone);
    }

    /** Nothing waiting, nothing in flight: no retry is pending. */
    static boolean idle(LocalStack stack, String queueLogicalId) {
        Map<QueueAttributeName, String> attributes = stack.emulators().sqs().getQueueAttributes(b -> b
                .queueUrl(stack.resources().queueUrl(queueLogicalId)).attributeNames(
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
        return attributes.values().stream().allMatch("0"::equals);
    }

    /** Takes every message out of the CRM DLQ, with its attributes. */
    static List<Message> drainDeadLetters(LocalStack stack) {
        String url = stack.resources().queueUrl("CrmDeadLetterQueue");
        List<Message> messages = stack.emulators().sqs().receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
                .messageAttributeNames("All").waitTimeSeconds(1)).messages();
        messages.forEach(m -> stack.emulators().sqs().deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle())));
        return messages;
    }

    /** Moves DLQ messages back to CrmQueue, as the documented re-drive does. */
    static void redrive(LocalStack stack, List<Message> messages) {
        messages.forEach(m -> stack.emulators().sqs().sendMessage(b -> b.queueUrl(stack.resources().queueUrl("CrmQueue"))
                .messageBody(m.body())));
    }

    /** Waits (polling) until {@code condition} holds; fails naming what never happened. */
    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() < deadline).as("waited " + PATIENCE.getSeconds() + " s for: " + what).isTrue();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
