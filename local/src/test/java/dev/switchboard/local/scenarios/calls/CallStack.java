package dev.switchboard.local.scenarios.calls;

import dev.switchboard.local.LocalStack;
import dev.switchboard.local.scenarios.LocalScenario;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
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
final class CallStack extends LocalScenario {

    static final String ACCOUNT_SID = "AC00000000000000000000000000000000";
    static final String LINE = "+19045550200";
    static final String OWNER = "+19045550177";
    static final List<String> CALL_FUNCTIONS = List.of("IncomingCallFunction", "DialStatusFunction",
            "CallScreeningFunction", "CallStatusFunction", "RecordingStatusFunction", "RecordingArchiverFunction",
            "RecordingsApiFunction");

    private final String anyFunction;

    private CallStack(LocalStack stack, String anyFunction) {
        super(stack);
        this.anyFunction = anyFunction;
    }

    /** @param environment on top of the defaults: TWILIO_API_BASE_URL, LINES, retry settings... */
    static CallStack start(Map<String, String> environment, List<String> functions) {
        Map<String, String> env = new LinkedHashMap<>(Map.of("TWILIO_ACCOUNT_SID", ACCOUNT_SID, "TWILIO_SMS_FROM", LINE,
                "TWILIO_FORWARD_TO", OWNER, "TWILIO_CALLER_ID", LINE, "BUSINESS_NAME", "Mechanic St. Augustine"));
        env.putAll(environment);
        LocalStack stack = startStack(env, functions, builder -> builder.twilioSandbox(false));
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
        return Answer.of(twilioWebhook(publicBaseUrl(), path, params, Map.of("I-Twilio-Idempotency-Token", idempotencyToken)));
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
        return Answer.of(exchange(request));
    }

    Map<String, AttributeValue> call(String callSid) {
        return item("CALL#" + callSid, "CALL").orElseThrow(() -> new AssertionError("no call record " + callSid));
    }

    String bucket() {
        return stack.resources().bucketName("RecordingsBucket");
    }

    /** Every message now on a queue the test reads (nothing polls it), removed from it. */
    List<Message> drain(String queueLogicalId) {
        return removeAll(queueLogicalId);
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
        return template();
    }
}
