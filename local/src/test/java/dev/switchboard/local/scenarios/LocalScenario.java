package dev.switchboard.local.scenarios;

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
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

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

    /** The real {@code template.yaml}. */
    public static Path template() {
        return TwilioEvents.projectRoot().resolve("template.yaml");
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

    @Override
    public void close() {
        stack.close();
    }
}
