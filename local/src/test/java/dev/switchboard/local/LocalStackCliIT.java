package dev.switchboard.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.shared.http.FormParameters;
import dev.switchboard.shared.http.HttpRequest;
import dev.switchboard.shared.twilio.TwilioRequestVerifier;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line, run in-process through {@link Main#run}. */
class LocalStackCliIT {

    @TempDir
    static Path data;

    private static final List<Invocation> INVOCATIONS = new CopyOnWriteArrayList<>();
    private static LocalStack stack;

    /** A running stack for simulate, and whose emulators invoke can reuse. */
    @BeforeAll
    static void start() {
        stack = LocalStack.builder().template(TestPaths.template()).dataDirectory(data)
                .inheritProcessEnvironment(false).invocationListener(INVOCATIONS::add).start();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private record Result(int code, String out, String err) {
    }

    private static Result main(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** invoke against the test stack's emulators, with the shared data directory (same tokens). */
    private static Result invokeOnStack(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(List.of("--template", TestPaths.template().toString(), "--data-dir", data.toString(),
                "--dynamodb-port", String.valueOf(stack.emulators().dynamoDbPort()),
                "--sqs-port", String.valueOf(stack.emulators().sqsPort()),
                "--s3-port", String.valueOf(stack.emulators().s3Port())));
        return main(all.toArray(String[]::new));
    }

    @Test
    void helpDescribesEveryCommand() {
        Result result = main("--help");
        assertThat(result.code()).isZero();
        assertThat(result.out()).contains("run (default)", "invoke FUNCTION --event FILE", "simulate EVENT_FILE",
                "redrive QUEUE", "--port", "--dynamodb-port", "--sqs-port", "--s3-port", "--data-dir", "--in-memory");
        assertThat(main("help").out()).isEqualTo(result.out());
    }

    @Test
    void invokeStartsInMemoryEmulatorsWhenNoStackRunsAndPrintsTheResponse(@TempDir Path own) throws Exception {
        Result result = main("invoke", "HealthFunction", "--event", TestPaths.resource("events/health.json").toString(),
                "--template", TestPaths.template().toString(), "--data-dir", own.toString(),
                "--dynamodb-port", "0", "--sqs-port", "0", "--s3-port", "0");

        assertThat(result.code()).as(result.err()).isZero();
        JsonNode response = new ObjectMapper().readTree(result.out());
        assertThat(response.get("statusCode").asInt()).isBetween(200, 599);
        assertThat(response.has("body")).isTrue();
        assertThat(own.resolve(LocalTokens.AUTH_TOKEN_FILE)).exists();
    }

    @Test
    void invokeReusesARunningStackAndResignsTwilioEvents() throws Exception {
        Result result = invokeOnStack("invoke", "IncomingCallFunction", "--event",
                TestPaths.resource("events/incoming-call.json").toString());
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.err()).contains("using the running stack's emulators", "re-signed");
        assertThat(new ObjectMapper().readTree(result.out()).has("statusCode")).isTrue();
    }

    @Test
    void invokeAndSimulateGiveTheRecordingsSamplesTheLocalBearerToken() throws Exception {
        String sample = TestPaths.projectRoot().resolve("events/recordings-api-list.json").toString();
        Result invoked = invokeOnStack("invoke", "RecordingsApiFunction", "--event", sample);
        assertThat(invoked.code()).as(invoked.err()).isZero();
        assertThat(new ObjectMapper().readTree(invoked.out()).get("statusCode").asInt()).as(invoked.out()).isEqualTo(200);
        assertThat(invoked.err()).contains("put the local recordings token in the bearer Authorization header");

        Result simulated = main("simulate", sample, "--url", stack.baseUrl(), "--data-dir", data.toString());
        assertThat(simulated.out()).startsWith("HTTP/1.1 200");
        assertThat(simulated.code()).isZero();
    }

    @Test
    void invokeGivesQueueWorkersTheSqsEvent() throws Exception {
        Result result = invokeOnStack("invoke", "TranscriberFunction", "--event",
                TestPaths.resource("events/transcription-job.json").toString());
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(new ObjectMapper().readTree(result.out()).has("batchItemFailures")).isTrue();
    }

    @Test
    void invokeRejectsUnknownFunctions() {
        Result result = invokeOnStack("invoke", "NoSuchFunction", "--event",
                TestPaths.resource("events/health.json").toString());
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("No function NoSuchFunction");
    }

    @Test
    void simulateSendsASignedRequestToTheRunningStack() throws Exception {
        Result result = main("simulate", TestPaths.resource("events/incoming-call.json").toString(),
                "--url", stack.baseUrl(), "--data-dir", data.toString(), "--public-base-url", stack.baseUrl());

        assertThat(result.out()).startsWith("HTTP/1.1 ");
        int status = Integer.parseInt(result.out().substring(9, 12));
        assertThat(result.code()).isEqualTo(status >= 200 && status < 300 ? 0 : 1);
        APIGatewayV2HTTPEvent received = (APIGatewayV2HTTPEvent) INVOCATIONS.stream()
                .filter(i -> i.functionLogicalId().equals("IncomingCallFunction")).reduce((a, b) -> b).orElseThrow().event();
        HttpRequest request = HttpRequest.from(received);
        assertThat(FormParameters.parse(request.bodyText()).first("CallSid")).contains("CA11111111111111111111111111111111");
        assertThat(new TwilioRequestVerifier(stack.environment("IncomingCallFunction").get("PUBLIC_BASE_URL"),
                List.of(stack.authToken())).rejection(request, FormParameters.parse(request.bodyText()))).isEmpty();
    }

    @Test
    void withoutATemplateInTheWorkingDirectoryTheProjectsOwnIsFound() throws Exception {
        // Tests run in local/, which has no template.yaml: the jar's (here the classes') location leads to it.
        assertThat(Path.of("template.yaml")).doesNotExist();
        assertThat(Main.defaultTemplate().toRealPath()).isEqualTo(TestPaths.template().toRealPath());
    }

    @Test
    void unknownOptionsAreErrors() {
        Result result = main("run", "--bogus", "1");
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("unknown option --bogus");
    }
}
