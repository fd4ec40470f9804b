package dev.switchboard.local.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.local.LocalStack;
import dev.switchboard.shared.json.Json;
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
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * What every scenario stack (the alert, inbox, ... scenarios' {@code *Stack}) does the same way: the local
 * stack started on the real template with only the scenario's functions and environment (none inherited from
 * the process), refusing to go on when a function failed to start; HTTP to it; Twilio's webhooks signed as
 * Twilio signs them; the table's items read back. A scenario's own stack extends it with its line, staff and
 * the helpers that speak its language.
 */
public abstract class LocalScenario implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    public final LocalStack stack;

    protected LocalScenario(LocalStack stack) {
        this.stack = stack;
    }

    /** The real {@code template.yaml} ({@code -Dswitchboard.template}, as the build sets it, else the project's). */
    public static Path template() {
        String configured = System.getProperty("switchboard.template");
        return (configured != null ? Path.of(configured) : TwilioEvents.projectRoot().resolve("template.yaml"))
                .toAbsolutePath().normalize();
    }

    /**
     * Starts the local stack on the real template with only {@code functions} and only {@code environment};
     * {@code options} adds builder options (the Twilio sandbox, ...). A function that fails to start stops the
     * stack and fails the scenario with its name.
     */
    protected static LocalStack startStack(Map<String, String> environment, Collection<String> functions,
                                           UnaryOperator<LocalStack.Builder> options) {
        LocalStack stack = options.apply(LocalStack.builder().template(template()).inheritProcessEnvironment(false)
                .environment(environment).onlyFunctions(functions)).start();
        if (!stack.failedFunctions().isEmpty()) {
            stack.close();
            throw new IllegalStateException("functions failed to start: " + stack.failedFunctions());
        }
        return stack;
    }

    /** Sends {@code request} (30 s at most unless it says otherwise) and reads the answer as text. */
    public static HttpResponse<String> exchange(HttpRequest request) {
        return exchange(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The bytes at {@code url} (a presigned link, a recording). */
    public static byte[] download(String url) {
        return exchange(HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
    }

    private static <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return HTTP.send(request.timeout().isPresent() ? request
                    : HttpRequest.newBuilder(request, (name, value) -> true).timeout(REQUEST_TIMEOUT).build(), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A Twilio webhook posted to {@code pathAndQuery}, signed with the stack's auth token over
     * {@code signedBase + pathAndQuery} (the URL the function knows itself by: {@code PUBLIC_BASE_URL}), as
     * Twilio signs it; {@code headers} are added (Twilio's idempotency token, ...).
     */
    public HttpResponse<String> twilioWebhook(String signedBase, String pathAndQuery, Map<String, String> params,
                                              Map<String, String> headers) {
        Map<String, List<String>> multi = new LinkedHashMap<>();
        params.forEach((k, v) -> multi.put(k, List.of(v)));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.baseUrl() + pathAndQuery))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .header("X-Twilio-Signature", TwilioSignature.compute(stack.authToken(), signedBase + pathAndQuery, multi))
                .POST(HttpRequest.BodyPublishers.ofString(TwilioEvents.encode(multi)));
        headers.forEach(request::header);
        return exchange(request.build());
    }

    /** An item of the table, read consistently. */
    public Optional<Map<String, AttributeValue>> item(String pk, String sk) {
        Map<String, AttributeValue> item = stack.emulators().dynamoDb().getItem(b -> b
                .tableName(stack.resources().tableName("SwitchboardTable")).key(Table.key(pk, sk)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    /** Items whose partition key starts with {@code prefix} (a scan: the emulator's table is small). */
    public List<Map<String, AttributeValue>> itemsStartingWith(String prefix) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        stack.emulators().dynamoDb().scanPaginator(b -> b.tableName(stack.resources().tableName("SwitchboardTable"))
                .filterExpression("begins_with(pk, :p)")
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(prefix)))).items().forEach(items::add);
        return items;
    }

    /** Every message now on a queue the test reads (nothing polls it), with all its attributes, removed from it. */
    public List<Message> removeAll(String queueLogicalId) {
        String url = stack.resources().queueUrl(queueLogicalId);
        List<Message> all = new ArrayList<>();
        while (true) {
            List<Message> batch = stack.emulators().sqs().receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
                    .waitTimeSeconds(1).messageAttributeNames("All").messageSystemAttributeNames(MessageSystemAttributeName.ALL))
                    .messages();
            if (batch.isEmpty()) {
                return all;
            }
            for (Message message : batch) {
                all.add(message);
                stack.emulators().sqs().deleteMessage(b -> b.queueUrl(url).receiptHandle(message.receiptHandle()));
            }
        }
    }

    @Override
    public void close() {
        stack.close();
    }

    /** An HTTP answer: status, body and headers (names as sent). */
    public record Answer(int status, String body, Map<String, List<String>> headers) {

        public static Answer of(HttpResponse<String> response) {
            return new Answer(response.statusCode(), response.body(), response.headers().map());
        }

        public JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        /** A header's first value, its name compared without case. */
        public Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }
    }
}
