package dev.switchboard.local;

import static dev.switchboard.local.LocalStackIT.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Behaviour the real template's functions cannot show yet (exceptions, null responses, failing
 * constructors, partial batch failures), on a test-only template with test-only handlers.
 */
class LocalStackHandlersIT {

    private static final Path TEMPLATE = TestPaths.resource("test-template.yaml");
    private static final List<Invocation> INVOCATIONS = new CopyOnWriteArrayList<>();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static LocalStack stack;

    @BeforeAll
    static void start() {
        stack = LocalStack.builder()
                .template(TEMPLATE)
                .inheritProcessEnvironment(false)
                .twilioSandbox(false)
                .parameterOverride("Greeting", "hi")
                .invocationListener(INVOCATIONS::add)
                .start();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(stack.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void schedulesFireOnDemandAndOnTheMovableClockOncePerJump() {
        java.time.Instant before = LocalClock.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Object fired = stack.fireSchedule("ScheduledFunction");
        assertThat(java.time.Instant.parse(String.valueOf(fired))).isBetween(before, LocalClock.now());

        System.clearProperty(dev.switchboard.local.testfunctions.ScheduledProbe.LAST_FIRED);
        int firedBefore = (int) INVOCATIONS.stream().filter(i -> i.functionLogicalId().equals("ScheduledFunction")).count();
        try {
            LocalClock.advance(Duration.ofHours(2)); // 24 periods skipped: fired once, at the new time
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                    System.getProperty(dev.switchboard.local.testfunctions.ScheduledProbe.LAST_FIRED) != null);
            java.time.Instant at = java.time.Instant.parse(
                    System.getProperty(dev.switchboard.local.testfunctions.ScheduledProbe.LAST_FIRED));
            assertThat(at).isAfter(before.plus(Duration.ofMinutes(119)));
            Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() ->
                    INVOCATIONS.stream().filter(i -> i.functionLogicalId().equals("ScheduledFunction")).count()
                            == firedBefore + 1);
        } finally {
            LocalClock.reset();
        }
    }

    @Test
    void eachFunctionHasItsOwnEnvironmentAndEveryResponseFieldIsWritten() throws Exception {
        HttpResponse<String> echo = get("/echo");
        assertThat(echo.statusCode()).isEqualTo(201);
        assertThat(echo.body()).isEqualTo("hi|hi|EchoFunction|256|true|");
        assertThat(echo.headers().firstValue("X-Single")).contains("1");
        assertThat(echo.headers().allValues("X-Multi")).containsExactly("a", "b");
        assertThat(echo.headers().allValues("Set-Cookie")).containsExactly("session=abc; Path=/", "theme=dark");

        assertThat(get("/other").body()).isEqualTo("hi-other|hi-other|OtherEchoFunction|128|true|");

        HttpResponse<String> named = HTTP.send(HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/echo/Ann%20Lee"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(named.body()).endsWith("|Ann Lee");
        assertThat(stack.environment("EchoFunction")).doesNotContainKey("SOME_SECRET_PARAMETER")
                .doesNotContainKey("TWILIO_API_BASE_URL"); // sandbox off: no default for it
    }

    @Test
    void invocationsRunInParallelOnInstancesGrownOnDemandUpToTheCap() throws Exception {
        // Twice the cap at once: the first ones run together, the rest wait for a free instance.
        int cap = LocalStack.DEFAULT_MAX_CONCURRENCY;
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 2 * cap; i++) {
            calls.add(HTTP.sendAsync(HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/parallel?together=" + cap))
                    .build(), HttpResponse.BodyHandlers.ofString()));
        }
        Set<String> instances = new HashSet<>();
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            HttpResponse<String> response = call.join();
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            String[] answer = response.body().split(" ");
            instances.add(answer[0]);
            assertThat(Integer.parseInt(answer[1])).as("most invocations at once").isEqualTo(LocalStack.DEFAULT_MAX_CONCURRENCY);
        }
        assertThat(instances).hasSize(LocalStack.DEFAULT_MAX_CONCURRENCY);
        assertThat(stack.function("ParallelFunction").instances()).isEqualTo(LocalStack.DEFAULT_MAX_CONCURRENCY);
    }

    @Test
    void exceptionsNullResponsesAndFailedConstructorsAre500() throws Exception {
        for (String path : List.of("/throw", "/null", "/missing")) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(500);
            assertThat(response.body()).as(path).isEqualTo("{\"message\":\"Internal Server Error\"}");
        }
        assertThat(stack.failedFunctions()).containsOnlyKeys("MissingClassFunction", "BrokenWorkerFunction");
        assertThat(stack.function("BrokenWorkerFunction").initErrorSummary()).contains("MISSING_SETTING is required");
        assertThat(get("/echo").statusCode()).isEqualTo(201); // the rest of the stack is fine
    }

    @Test
    void partialBatchFailuresDeleteOnlyTheMessagesThatSucceeded() throws Exception {
        String queueUrl = stack.resources().queueUrl("WorkQueue");
        String dlqUrl = stack.resources().queueUrl("WorkDeadLetterQueue");
        stack.emulators().sqs().sendMessage(b -> b.queueUrl(queueUrl).messageBody("ok-1"));
        stack.emulators().sqs().sendMessage(b -> b.queueUrl(queueUrl).messageBody("fail-1"));

        // fail-1 is received twice (maxReceiveCount 2), then moved to the DLQ; ok-1 only once.
        waitUntil(() -> count(dlqUrl) == 1, Duration.ofSeconds(20));
        assertThat(deliveries("ok-1")).isEqualTo(1);
        assertThat(deliveries("fail-1")).isEqualTo(2);
        assertThat(count(queueUrl)).isZero();
        String moved = stack.emulators().sqs().receiveMessage(b -> b.queueUrl(dlqUrl)).messages().get(0).body();
        assertThat(moved).isEqualTo("fail-1");
    }

    @Test
    void aThrowingWorkerDeletesNothingAndABrokenWorkerIsNotPolled() throws Exception {
        String queueUrl = stack.resources().queueUrl("ThrowQueue");
        stack.emulators().sqs().sendMessage(b -> b.queueUrl(queueUrl).messageBody("throw-1"));
        waitUntil(() -> deliveries("throw-1") >= 2, Duration.ofSeconds(15));

        String brokenUrl = stack.resources().queueUrl("BrokenQueue");
        assertThat(stack.resources().queueName("BrokenQueue")).isEqualTo("switchboard-local-broken");
        stack.emulators().sqs().sendMessage(b -> b.queueUrl(brokenUrl).messageBody("never"));
        // Polling follows from the function having initialized, not from time: a broken one is never polled.
        assertThat(stack.polledQueues()).contains("WorkQueue", "ThrowQueue").doesNotContain("BrokenQueue");
        assertThat(INVOCATIONS).noneMatch(i -> i.functionLogicalId().equals("BrokenWorkerFunction"));
        assertThat(count(brokenUrl)).isEqualTo(1);
    }

    @Test
    void dataAndTokensPersistAcrossRestartsWithADataDirectory(@TempDir Path data) {
        String token;
        try (LocalStack first = persistent(data)) {
            token = first.authToken();
            first.emulators().dynamoDb().putItem(b -> b.tableName("switchboard-local-items")
                    .item(Map.of("id", AttributeValue.fromS("kept"))));
            first.emulators().s3().createBucket(b -> b.bucket("kept-bucket"));
            first.emulators().s3().putObject(b -> b.bucket("kept-bucket").key("a.txt"), RequestBody.fromString("kept"));
        }
        assertThat(data.resolve(LocalTokens.AUTH_TOKEN_FILE)).exists();
        try (LocalStack second = persistent(data)) {
            assertThat(second.authToken()).isEqualTo(token);
            assertThat(second.emulators().dynamoDb().getItem(b -> b.tableName("switchboard-local-items")
                    .key(Map.of("id", AttributeValue.fromS("kept")))).hasItem()).isTrue();
            assertThat(second.emulators().s3().getObjectAsBytes(b -> b.bucket("kept-bucket").key("a.txt")).asUtf8String())
                    .isEqualTo("kept");
        }
    }

    @Test
    void aJobQueuedWhenTheStackStopsIsDeliveredAfterARestart(@TempDir Path data) {
        try (LocalStack first = persistent(data)) {
            first.emulators().sqs().sendMessage(b -> b.queueUrl(first.resources().queueUrl("WorkQueue"))
                    .messageBody("ok-queued-before-the-stop"));
        }
        List<Invocation> delivered = new CopyOnWriteArrayList<>();
        try (LocalStack second = LocalStack.builder().template(TEMPLATE).inheritProcessEnvironment(false)
                .twilioSandbox(false).inMemory(false).dataDirectory(data).serveHttp(false)
                .onlyFunctions(List.of("WorkerFunction")).invocationListener(delivered::add).start()) {
            Awaitility.await("the job queued before the stop").atMost(Duration.ofSeconds(20))
                    .until(() -> delivered.stream().anyMatch(i -> i.event() instanceof SQSEvent e
                            && e.getRecords().stream().anyMatch(r -> r.getBody().equals("ok-queued-before-the-stop"))));
        }
    }

    private static LocalStack persistent(Path data) {
        return LocalStack.builder().template(TEMPLATE).inheritProcessEnvironment(false).twilioSandbox(false)
                .inMemory(false).dataDirectory(data).serveHttp(false).pollQueues(false)
                .onlyFunctions(List.of("EchoFunction")).start();
    }

    private static long deliveries(String body) {
        return INVOCATIONS.stream().filter(i -> i.event() instanceof SQSEvent e
                && e.getRecords().stream().anyMatch(r -> r.getBody().equals(body))).count();
    }

    private static int count(String queueUrl) {
        Map<QueueAttributeName, String> a = stack.emulators().sqs().getQueueAttributes(b -> b.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }
}
