package dev.switchboard.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.switchboard.emulators.AwsEmulators;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The real template on random ports, in memory, driven over HTTP and SQS. */
class LocalStackIT {

    private static final List<Invocation> INVOCATIONS = new CopyOnWriteArrayList<>();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static LocalStack stack;

    @BeforeAll
    static void start() {
        stack = LocalStack.builder()
                .template(TestPaths.template())
                .inheritProcessEnvironment(false)
                .environment(Map.of("BUSINESS_NAME", "Test Garage", "AWS_ACCESS_KEY_ID", "AKIAREALKEYFROMSHELL",
                        "AWS_SECRET_ACCESS_KEY", "real-secret",
                        // The transcriber's Intelligence API is a port nobody listens on: every job fails
                        // transiently, and retries come back after a second, so the redrive test sees them.
                        "TRANSCRIBER", "twilio-intelligence", "CI_SERVICE_SID", "GA00000000000000000000000000000000",
                        "TWILIO_INTELLIGENCE_BASE_URL", "http://127.0.0.1:" + AwsEmulators.freePort(),
                        "RETRY_BASE_SECONDS", "1", "RETRY_MAX_SECONDS", "1"))
                .invocationListener(INVOCATIONS::add)
                .start();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI url(String pathAndQuery) {
        return URI.create(stack.baseUrl() + pathAndQuery);
    }

    private static Invocation lastInvocationOf(String functionId) {
        return INVOCATIONS.stream().filter(i -> i.functionLogicalId().equals(functionId))
                .reduce((a, b) -> b).orElseThrow(() -> new AssertionError(functionId + " was not invoked"));
    }

    @Test
    void healthIsRoutedToItsFunction() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(url("/health")).GET());

        assertThat(response.statusCode()).isNotIn(404, 405, 500); // the placeholder answers 501 until implemented
        assertThat(response.headers().firstValue("apigw-requestid")).isPresent();
        APIGatewayV2HTTPEvent event = (APIGatewayV2HTTPEvent) lastInvocationOf("HealthFunction").event();
        assertThat(event.getVersion()).isEqualTo("2.0");
        assertThat(event.getRouteKey()).isEqualTo("GET /health");
        assertThat(event.getRawPath()).isEqualTo("/health");
        assertThat(event.getRawQueryString()).isEmpty();
        assertThat(event.getBody()).isNull();
        assertThat(event.getRequestContext().getStage()).isEqualTo("$default");
        assertThat(event.getRequestContext().getHttp().getMethod()).isEqualTo("GET");
        assertThat(event.getRequestContext().getHttp().getSourceIp()).isEqualTo("127.0.0.1");
        assertThat(event.getRequestContext().getAccountId()).isEqualTo("000000000000");
        assertThat(event.getRequestContext().getTimeEpoch()).isPositive();
    }

    @Test
    void unknownPathIs404AndWrongMethodIs405WithAllow() throws Exception {
        HttpResponse<String> missing = send(HttpRequest.newBuilder(url("/nope")).GET());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("{\"message\":\"Not Found\"}");

        HttpResponse<String> wrongMethod = send(HttpRequest.newBuilder(url("/health")).DELETE());
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Allow")).contains("GET");

        HttpResponse<String> quote = send(HttpRequest.newBuilder(url("/quote")).method("PUT", HttpRequest.BodyPublishers.noBody()));
        assertThat(quote.statusCode()).isEqualTo(405);
        assertThat(quote.headers().firstValue("Allow")).contains("GET, OPTIONS, POST");
    }

    @Test
    void headIs405LikeAnyOtherMissingMethodAndNoGatewayError() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream previous = ConsoleLog.stream();
        ConsoleLog.to(new PrintStream(console, true, StandardCharsets.UTF_8));
        HttpResponse<String> head;
        try {
            head = send(HttpRequest.newBuilder(url("/health")).method("HEAD", HttpRequest.BodyPublishers.noBody()));
            // The gateway logs the request once the answer is on its way: wait for the line, not for a time.
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> console.toString(StandardCharsets.UTF_8).contains("HEAD /health"));
        } finally {
            ConsoleLog.to(previous);
        }
        assertThat(head.statusCode()).isEqualTo(405);
        assertThat(head.headers().firstValue("Allow")).contains("GET");
        assertThat(head.body()).isEmpty();
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("HEAD /health").doesNotContain("ERROR")
                .doesNotContain("\tat ");
    }

    @Test
    void aTwilioFormPostArrivesBase64EncodedWithHeadersQueryAndCookies() throws Exception {
        String form = "CallSid=CA123&From=%2B19045550123&To=%2B19045550100&CallStatus=ringing";
        HttpResponse<String> response = send(HttpRequest.newBuilder(url("/twilio/voice?a=1&b=%2B2&a=3"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", "sig")
                .header("X-Multi", "one")
                .header("X-Multi", "two")
                .header("Cookie", "c1=v1; c2=v2")
                .POST(HttpRequest.BodyPublishers.ofString(form)));

        assertThat(response.statusCode()).isNotIn(404, 405);
        APIGatewayV2HTTPEvent event = (APIGatewayV2HTTPEvent) lastInvocationOf("IncomingCallFunction").event();
        assertThat(event.getRouteKey()).isEqualTo("POST /twilio/voice");
        assertThat(event.getIsBase64Encoded()).isTrue();
        assertThat(new String(Base64.getDecoder().decode(event.getBody()), StandardCharsets.UTF_8)).isEqualTo(form);
        assertThat(event.getRawQueryString()).isEqualTo("a=1&b=%2B2&a=3");
        assertThat(event.getQueryStringParameters()).containsEntry("a", "1,3").containsEntry("b", "+2");
        assertThat(event.getHeaders()).containsEntry("content-type", "application/x-www-form-urlencoded")
                .containsEntry("x-twilio-signature", "sig")
                .containsEntry("x-multi", "one,two")
                .containsEntry("x-forwarded-proto", "http")
                .containsKey("x-amzn-trace-id")
                .doesNotContainKey("cookie");
        assertThat(event.getHeaders().keySet()).allMatch(k -> k.equals(k.toLowerCase()));
        assertThat(event.getCookies()).containsExactly("c1=v1", "c2=v2");
    }

    @Test
    void jsonBodiesArrivePlainAndPathParametersAreExtracted() throws Exception {
        send(HttpRequest.newBuilder(url("/twilio/intelligence")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"transcript_sid\":\"GT1\"}")));
        APIGatewayV2HTTPEvent json = (APIGatewayV2HTTPEvent) lastInvocationOf("IntelligenceWebhookFunction").event();
        assertThat(json.getIsBase64Encoded()).isFalse();
        assertThat(json.getBody()).isEqualTo("{\"transcript_sid\":\"GT1\"}");

        send(HttpRequest.newBuilder(url("/recordings/RE123")).header("Authorization", "Bearer x").GET());
        APIGatewayV2HTTPEvent one = (APIGatewayV2HTTPEvent) lastInvocationOf("RecordingsApiFunction").event();
        assertThat(one.getRouteKey()).isEqualTo("GET /recordings/{RecordingSid}");
        assertThat(one.getPathParameters()).containsEntry("RecordingSid", "RE123");
    }

    @Test
    void bodiesOverTenMegabytesAre413() throws Exception {
        byte[] big = new byte[HttpApiGateway.MAX_BODY_BYTES + 1];
        HttpResponse<String> response = send(HttpRequest.newBuilder(url("/twilio/voice"))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(big)));
        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void functionsGetTheirOwnResolvedEnvironment() {
        Map<String, String> env = stack.environment("RecordingArchiverFunction");
        assertThat(env)
                .containsEntry("TABLE_NAME", "SwitchboardTable")
                .containsEntry("RECORDINGS_BUCKET", "recordingsbucket")
                .containsEntry("QUEUE_URL", stack.resources().queueUrl("ArchiveQueue"))
                .containsEntry("TWILIO_AUTH_TOKEN", stack.authToken())
                .containsEntry("RECORDINGS_TOKEN", stack.recordingsToken())
                .containsEntry("PUBLIC_BASE_URL", stack.baseUrl())
                .containsEntry("TWILIO_API_BASE_URL", stack.twilioSandbox().orElseThrow().baseUrl())
                .containsEntry("BUSINESS_NAME", "Test Garage")
                .containsEntry("AWS_ACCESS_KEY_ID", "local")
                .containsEntry("AWS_ENDPOINT_URL_SQS", stack.emulators().sqsEndpoint().toString())
                .containsEntry("SWITCHBOARD_LOCAL", "true")
                .containsEntry("AWS_LAMBDA_FUNCTION_NAME", "RecordingArchiverFunction")
                .containsEntry("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
        assertThat(env.keySet()).noneMatch(k -> k.endsWith("_PARAMETER") || k.endsWith("_SECRET_ID"));
        assertThat(stack.authToken()).matches("[0-9a-f]{32}");
        assertThat(stack.appliedDefaults()).containsKeys("TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "PUBLIC_BASE_URL")
                .doesNotContainKey("BUSINESS_NAME");
        assertThat(stack.failedFunctions()).isEmpty();
    }

    @Test
    void tablesQueuesAndBucketExistWithRedrivePolicies() {
        TableDescription table = stack.emulators().dynamoDb().describeTable(b -> b.tableName("SwitchboardTable")).table();
        assertThat(table.globalSecondaryIndexes()).hasSize(1);
        assertThat(stack.emulators().sqs().listQueues().queueUrls()).hasSize(10); // five work queues, five DLQs
        Map<QueueAttributeName, String> attributes = stack.emulators().sqs().getQueueAttributes(b -> b
                .queueUrl(stack.resources().queueUrl("CrmQueue")).attributeNames(QueueAttributeName.ALL)).attributes();
        assertThat(attributes.get(QueueAttributeName.REDRIVE_POLICY))
                .contains(stack.resources().queueArn("CrmDeadLetterQueue")).contains("20");
        assertThat(attributes).containsEntry(QueueAttributeName.VISIBILITY_TIMEOUT, "360");
        assertThat(stack.emulators().s3().headBucket(b -> b.bucket("recordingsbucket")).sdkHttpResponse().isSuccessful()).isTrue();
    }

    @Test
    void theBannersAwsCliCommandsRunAsPrinted(@TempDir Path home) throws Exception {
        ByteArrayOutputStream banner = new ByteArrayOutputStream();
        PrintStream previous = ConsoleLog.stream();
        ConsoleLog.to(new PrintStream(banner, true, StandardCharsets.UTF_8));
        try {
            stack.printSummary();
        } finally {
            ConsoleLog.to(previous);
        }
        List<String> commands = banner.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains(" aws "))
                .map(l -> l.substring(l.indexOf("AWS_ACCESS_KEY_ID="))).toList();
        assertThat(commands).hasSize(3).allMatch(c -> c.startsWith("AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local"
                + " aws --region us-east-1 --endpoint-url http://127.0.0.1:"));
        Assumptions.assumeTrue(onPath("aws"), "the AWS CLI is not installed");
        for (String command : commands) {
            ProcessBuilder process = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true);
            // Nothing from this machine's own AWS configuration: the printed line must be enough.
            process.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
            process.environment().put("AWS_CONFIG_FILE", home.resolve("config").toString());
            process.environment().put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("credentials").toString());
            Process started = process.start();
            String output = new String(started.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(started.waitFor()).as(command + "\n" + output).isZero();
        }
    }

    private static boolean onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }

    @Test
    void theSandboxTakesTexts() throws Exception {
        TwilioSandbox sandbox = stack.twilioSandbox().orElseThrow();
        String auth = Base64.getEncoder().encodeToString((LocalDefaults.ACCOUNT_SID + ":" + stack.authToken())
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/2010-04-01/Accounts/"
                        + LocalDefaults.ACCOUNT_SID + "/Messages.json"))
                .header("Authorization", "Basic " + auth)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("To=%2B19045550177&From=%2B19045550200&Body=Hi+there")));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).containsPattern("\"sid\":\"SM[0-9a-f]{32}\"").contains("\"status\":\"queued\"");
        assertThat(sandbox.messages()).anyMatch(m -> "Hi there".equals(m.get("body")));

        HttpResponse<String> unauthenticated = send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl()
                + "/2010-04-01/Accounts/" + LocalDefaults.ACCOUNT_SID + "/Messages.json")).GET());
        assertThat(unauthenticated.statusCode()).isEqualTo(401);

        HttpResponse<byte[]> media = HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl()
                + "/2010-04-01/Accounts/" + LocalDefaults.ACCOUNT_SID + "/Recordings/RE123.mp3")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(media.headers().firstValue("Content-Type")).contains("audio/mpeg");
        assertThat(media.body()).hasSizeGreaterThan(1000);
    }

    @Test
    void theWorkerGetsLambdaShapedEventsAndFailedMessagesEndInTheDlqAndRedriveBack() throws Exception {
        SqsClient sqs = stack.emulators().sqs();
        String queueUrl = stack.resources().queueUrl("TranscriptionQueue");
        String dlqUrl = stack.resources().queueUrl("TranscriptionDeadLetterQueue");
        // The template's 1800 s would make the test wait half an hour between retries.
        sqs.setQueueAttributes(b -> b.queueUrl(queueUrl).attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "1")));
        String body = "{\"type\":\"fetch-transcript\",\"transcriptSid\":\"GT-it-" + System.nanoTime() + "\"}";
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body).messageAttributes(Map.of("kind",
                MessageAttributeValue.builder().dataType("String").stringValue("transcribe").build())));

        Predicate<Invocation> ours = i -> i.functionLogicalId().equals("TranscriberFunction")
                && ((SQSEvent) i.event()).getRecords().stream().anyMatch(r -> r.getBody().equals(body));
        waitUntil(() -> INVOCATIONS.stream().filter(ours).count() >= 2, Duration.ofSeconds(20));
        List<SQSEvent.SQSMessage> deliveries = INVOCATIONS.stream().filter(ours)
                .map(i -> ((SQSEvent) i.event()).getRecords().get(0)).toList();
        SQSEvent.SQSMessage first = deliveries.get(0);
        assertThat(first.getEventSource()).isEqualTo("aws:sqs");
        assertThat(first.getEventSourceArn()).isEqualTo(stack.resources().queueArn("TranscriptionQueue"));
        assertThat(first.getAwsRegion()).isEqualTo("us-east-1");
        assertThat(first.getMd5OfBody()).isNotBlank();
        assertThat(first.getReceiptHandle()).isNotBlank();
        assertThat(first.getAttributes()).containsKeys("ApproximateReceiveCount", "SentTimestamp",
                "ApproximateFirstReceiveTimestamp");
        assertThat(first.getMessageAttributes().get("kind").getStringValue()).isEqualTo("transcribe");
        assertThat(deliveries).extracting(m -> Integer.parseInt(m.getAttributes().get("ApproximateReceiveCount")))
                .startsWith(1, 2);

        // maxReceiveCount is 6: the 7th receive moves it to the DLQ.
        waitUntil(() -> approximateMessages(dlqUrl) == 1, Duration.ofSeconds(30));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"redrive", "TranscriptionDeadLetterQueue", "--template",
                TestPaths.template().toString(), "--sqs-port", String.valueOf(stack.emulators().sqsPort())},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("Moved 1 message(s) from TranscriptionDeadLetterQueue to TranscriptionQueue");
        assertThat(approximateMessages(dlqUrl)).isZero();
        long before = INVOCATIONS.stream().filter(ours).count();
        waitUntil(() -> INVOCATIONS.stream().filter(ours).count() > before, Duration.ofSeconds(10));
    }

    private static int approximateMessages(String queueUrl) {
        Map<QueueAttributeName, String> attributes = stack.emulators().sqs().getQueueAttributes(b -> b.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    static void waitUntil(java.util.function.BooleanSupplier condition, Duration timeout) {
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(100)).until(condition::getAsBoolean);
    }
}
