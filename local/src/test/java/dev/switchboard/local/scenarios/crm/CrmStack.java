package dev.switchboard.local.scenarios.crm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.crm.LeadLinks;
import dev.switchboard.crm.lead.LeadLink;
import dev.switchboard.local.LocalStack;
import dev.switchboard.local.scenarios.FunctionLogs;
import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.storage.Table;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The local stack as the CRM scenarios run it (the real template, only the functions a scenario names,
 * retries without delay, the functions' log lines captured), and what they do with it: put jobs on
 * CrmQueue, wait for the worker, read the results.
 */
final class CrmStack implements AutoCloseable {

    static final Duration PATIENCE = Duration.ofSeconds(60);

    final LocalStack stack;
    final FunctionLogs logs;

    private CrmStack(LocalStack stack, FunctionLogs logs) {
        this.stack = stack;
        this.logs = logs;
    }

    /** Starts {@code functions} with {@code environment} over the local defaults; fails if one cannot start. */
    static CrmStack start(List<String> functions, Map<String, String> environment) {
        FunctionLogs logs = new FunctionLogs();
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.put("RETRY_BASE_SECONDS", "0");
        env.put("RETRY_MAX_SECONDS", "0");
        LocalStack stack = LocalStack.builder()
                .template(template())
                .inheritProcessEnvironment(false)
                .onlyFunctions(functions)
                .environment(env)
                .functionLogListener(logs)
                .start();
        assertThat(stack.failedFunctions()).isEmpty();
        return new CrmStack(stack, logs);
    }

    static Path template() {
        return Path.of("..", "template.yaml").toAbsolutePath().normalize();
    }

    @Override
    public void close() {
        stack.close();
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
        Awaitility.await(what).atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(condition::getAsBoolean);
    }
}
