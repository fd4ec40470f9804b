package dev.switchboard.local.scenarios.calls;

import dev.switchboard.local.LocalStack;
import dev.switchboard.shared.storage.Table;
import dev.switchboard.shared.testing.TwilioEvents;
import dev.switchboard.shared.twilio.TwilioSignature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The local stack as the call-lifecycle scenarios use it: only the functions under test are constructed
 * (so that the CRM, SMS and transcription workers leave their queues for the test to read), Twilio's REST
 * API is a WireMock fake, and requests are signed exactly as Twilio signs them.
 */
final class CallStack implements AutoCloseable {

    static final String ACCOUNT_SID = "AC00000000000000000000000000000000";
    static final String LINE = "+19045550200";
    static final String OWNER = "+19045550177";
    static final List<String> CALL_FUNCTIONS = List.of("IncomingCallFunction", "DialStatusFunction",
            "CallScreeningFunction", "CallStatusFunction", "RecordingStatusFunction", "RecordingArchiverFunction",
            "RecordingsApiFunction");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final LocalStack stack;
    private final String anyFunction;

    private CallStack(LocalStack stack, String anyFunction) {
        this.stack = stack;
        this.anyFunction = anyFunction;
    }

    /** @param environment on top of the defaults: TWILIO_API_BASE_URL, LINES, retry settings... */
    static CallStack start(Map<String, String> environment, List<String> functions) {
        LocalStack stack = LocalStack.builder()
                .template(TwilioEvents.projectRoot().resolve("template.yaml"))
                .inheritProcessEnvironment(false)
                .twilioSandbox(false)
                .environment(Map.of("TWILIO_ACCOUNT_SID", ACCOUNT_SID, "TWILIO_SMS_FROM", LINE,
                        "TWILIO_FORWARD_TO", OWNER, "TWILIO_CALLER_ID", LINE, "BUSINESS_NAME", "Mechanic St. Augustine"))
                .environment(environment)
                .onlyFunctions(functions)
                .start();
        if (!stack.failedFunctions().isEmpty()) {
            stack.close();
            throw new IllegalStateException("functions failed to start: " + stack.failedFunctions());
        }
        return new CallStack(stack, functions.get(0));
    }

    static CallStack start(Map<String, String> environment) {
        return start(environment, CALL_FUNCTIONS);
    }

    String publicBaseUrl() {
        return stack.environment(anyFunction).getOrDefault("PUBLIC_BASE_URL", stack.baseUrl());
    }

    /** A Twilio webhook: form-encoded, signed with the stack's auth token, with an idempotency token. */
    Answer post(String path, Map<String, String> params, String idempotencyToken) {
        Map<String, List<String>> multi = new LinkedHashMap<>();
        params.forEach((k, v) -> multi.put(k, List.of(v)));
        String signature = TwilioSignature.compute(stack.authToken(), publicBaseUrl() + path, multi);
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .header("X-Twilio-Signature", signature)
                .header("I-Twilio-Idempotency-Token", idempotencyToken)
                .POST(HttpRequest.BodyPublishers.ofString(TwilioEvents.encode(multi)))
                .build();
        return send(request);
    }

    Answer post(String path, Map<String, String> params) {
        return post(path, params, UUID.randomUUID().toString());
    }

    Answer get(String pathAndQuery, Optional<String> bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.baseUrl() + pathAndQuery))
                .timeout(Duration.ofSeconds(30)).GET();
        bearer.ifPresent(token -> request.header("Authorization", "Bearer " + token));
        return send(request.build());
    }

    private static Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Optional<Map<String, AttributeValue>> item(String pk, String sk) {
        Map<String, AttributeValue> item = stack.emulators().dynamoDb().getItem(b -> b
                .tableName(stack.resources().tableName("SwitchboardTable"))
                .key(Table.key(pk, sk)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    Map<String, AttributeValue> call(String callSid) {
        return item("CALL#" + callSid, "CALL").orElseThrow(() -> new AssertionError("no call record " + callSid));
    }

    String bucket() {
        return stack.resources().bucketName("RecordingsBucket");
    }

    /** Every message now on a queue the test reads (nothing polls it), removed from it. */
    List<Message> drain(String queueLogicalId) {
        String url = stack.resources().queueUrl(queueLogicalId);
        List<Message> all = new ArrayList<>();
        while (true) {
            List<Message> batch = stack.emulators().sqs().receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
                    .waitTimeSeconds(1).messageAttributeNames("All")).messages();
            if (batch.isEmpty()) {
                return all;
            }
            for (Message message : batch) {
                stack.emulators().sqs().deleteMessage(b -> b.queueUrl(url).receiptHandle(message.receiptHandle()));
            }
            all.addAll(batch);
        }
    }

    int approximateMessages(String queueLogicalId) {
        String url = stack.resources().queueUrl(queueLogicalId);
        Map<software.amazon.awssdk.services.sqs.model.QueueAttributeName, String> attributes = stack.emulators().sqs()
                .getQueueAttributes(b -> b.queueUrl(url).attributeNamesWithStrings("ApproximateNumberOfMessages",
                        "ApproximateNumberOfMessagesNotVisible")).attributes();
        return attributes.values().stream().mapToInt(Integer::parseInt).sum();
    }

    /** Waits for a condition the stack reaches asynchronously (a queue worker); fails with {@code what}. */
    static <T> T await(String what, Duration limit, Supplier<Optional<T>> probe) {
        return Awaitility.await(what).atMost(limit).pollInterval(Duration.ofMillis(100))
                .until(probe::get, Optional::isPresent).orElseThrow();
    }

    static Path templatePath() {
        return TwilioEvents.projectRoot().resolve("template.yaml");
    }

    @Override
    public void close() {
        stack.close();
    }

    record Answer(int status, String body, Map<String, List<String>> headers) {
    }
}
