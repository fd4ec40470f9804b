package dev.switchboard.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.emulators.FunctionDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every function's jar works alone: loaded from its CodeUri by a class loader with nothing but the JDK
 * above it, it answers its sample events under {@code events/} against the in-process emulators; and the
 * same in a fresh JVM whose classpath is that jar and nothing else. A dependency forgotten in one
 * function's POM fails here instead of in Lambda.
 */
class FunctionJarsAloneIT {

    /**
     * What each HTTP sample answers, in this order on an empty stack (recordings-api-get finds the recording
     * recording-status-completed recorded); queue workers' samples all succeed.
     */
    private static final Map<String, Integer> STATUS = new TreeMap<>(Map.ofEntries(
            Map.entry("call-screening-screen-result.json", 200), Map.entry("call-screening-screen.json", 200),
            Map.entry("call-status-completed.json", 200), Map.entry("call-status-ringing.json", 200),
            Map.entry("dial-status-busy.json", 200), Map.entry("dial-status-completed.json", 200),
            Map.entry("dial-status-no-answer.json", 200), Map.entry("dial-status-voicemail-complete.json", 200),
            Map.entry("health.json", 200), Map.entry("incoming-call.json", 200),
            Map.entry("intelligence-webhook.json", 200), Map.entry("quote-form-encoded.json", 200),
            Map.entry("quote-honeypot.json", 200), Map.entry("quote-invalid.json", 400),
            Map.entry("quote-page.json", 200), Map.entry("quote-preflight.json", 204),
            Map.entry("quote-reference-example.json", 200), Map.entry("recording-status-absent.json", 200),
            Map.entry("recording-status-completed.json", 200), Map.entry("recordings-api-get.json", 200),
            Map.entry("recordings-api-list.json", 200), Map.entry("sms-incoming-help.json", 200),
            Map.entry("sms-incoming-message.json", 200), Map.entry("sms-incoming-start.json", 200),
            Map.entry("sms-incoming-stop.json", 200), Map.entry("sms-status-delivered.json", 204),
            Map.entry("sms-status-undelivered.json", 204)));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalStack stack;

    @BeforeAll
    static void start() {
        // The samples are written for a stack on http://localhost:3000 (their Origin headers, as their signatures).
        stack = LocalStack.builder().template(TestPaths.template()).inheritProcessEnvironment(false)
                .environment("ALLOWED_ORIGINS", "http://localhost:3000").start();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void everyFunctionRunsFromItsOwnJarWithNothingOfTheStacksClasspath() throws IOException {
        for (LambdaFunction function : stack.functions().values()) {
            Class<?> handler = function.handlerClass().orElseThrow();
            ClassLoader loader = handler.getClassLoader();
            assertThat(loader).as(function.logicalId()).isInstanceOf(URLClassLoader.class)
                    .isNotSameAs(getClass().getClassLoader());
            assertThat(loader.getParent()).as(function.logicalId()).isSameAs(ClassLoader.getPlatformClassLoader());
            assertThat(Path.of(handler.getProtectionDomain().getCodeSource().getLocation().getPath()).toRealPath())
                    .isEqualTo(function.code().path().toRealPath());
        }
    }

    @TestFactory
    Stream<DynamicTest> everyFunctionAnswersItsSampleEvents() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Sample sample : samples()) {
            tests.add(DynamicTest.dynamicTest(sample.function().logicalId() + " " + sample.file().getFileName(), () -> {
                Object event = sample.event();
                Object response = stack.invoke(sample.function().logicalId(), event);
                if (sample.function().isHttpFunction()) {
                    assertThat(response).isInstanceOf(APIGatewayV2HTTPResponse.class);
                    assertStatus(sample.name(), ((APIGatewayV2HTTPResponse) response).getStatusCode());
                } else if (sample.function().isQueueWorker()) {
                    assertThat(response).isInstanceOf(SQSBatchResponse.class);
                    assertThat(((SQSBatchResponse) response).getBatchItemFailures()).as(sample.name()).isEmpty();
                }
            }));
        }
        return tests.stream();
    }

    /** Lambda's way in a process of its own: the jar alone on the classpath, the environment as the process's. */
    @TestFactory
    Stream<DynamicTest> everyJarAnswersInAFreshJvmWithNothingElseOnItsClasspath(@TempDir Path dir) throws IOException {
        Map<String, Sample> onePerFunction = new TreeMap<>();
        // The first sample of each function; the recordings list, whose answer needs no recording to exist.
        samples().stream().filter(s -> !s.name().equals("recordings-api-get.json"))
                .forEach(s -> onePerFunction.putIfAbsent(s.function().logicalId(), s));
        // Each JVM is a cold start of its own: run as many at once as there are cores.
        ExecutorService jvms = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        Map<String, CompletableFuture<String>> outputs = new TreeMap<>();
        onePerFunction.values().forEach(sample -> outputs.put(sample.function().logicalId(),
                CompletableFuture.supplyAsync(() -> runAlone(sample, dir), jvms)));
        jvms.shutdown();
        return onePerFunction.values().stream().map(sample -> DynamicTest.dynamicTest(sample.function().logicalId(), () -> {
            String output = outputs.get(sample.function().logicalId()).join();
            String response = output.lines().filter(l -> l.startsWith("RESPONSE ")).findFirst()
                    .orElseThrow(() -> new AssertionError("no response in:\n" + output)).substring("RESPONSE ".length());
            JsonNode answer = JSON.readTree(response);
            if (sample.function().isHttpFunction()) {
                assertStatus(sample.name() + "\n" + output, answer.path("statusCode").asInt());
            } else if (sample.function().isQueueWorker()) {
                assertThat(answer.path("batchItemFailures").isArray()).as(output).isTrue();
                assertThat(answer.path("batchItemFailures")).as(output).isEmpty();
            }
        }));
    }

    /** {@code java -cp <the jar> FunctionJarRunner.java ...} with the function's environment; its output. */
    private static String runAlone(Sample sample, Path dir) {
        try {
            Path event = dir.resolve(sample.function().logicalId() + ".json");
            Files.writeString(event, EventJson.write(sample.event()));
            ProcessBuilder java = new ProcessBuilder(javaExecutable(), "-cp",
                    FunctionCode.of(sample.function(), TestPaths.projectRoot()).path().toString(),
                    TestPaths.resource("FunctionJarRunner.java").toString(), sample.function().handlerClass(),
                    event.toString()).redirectErrorStream(true);
            java.environment().clear();
            java.environment().putAll(stack.environment(sample.function().logicalId()));
            Process process = java.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor()).as(output).isZero();
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A sample event of a function, re-signed (and given the local bearer token) for this stack. */
    private record Sample(FunctionDefinition function, Path file) {
        String name() {
            return file.getFileName().toString();
        }

        Object event() {
            if (function.isHttpFunction()) {
                APIGatewayV2HTTPEvent http = EventJson.read(file, APIGatewayV2HTTPEvent.class);
                LocalCredentials.of(stack.environment(function.logicalId())).apply(http);
                return http;
            }
            if (function.isQueueWorker()) {
                return EventJson.read(file, SQSEvent.class);
            }
            return EventJson.read(file, Object.class); // a schedule's Input
        }
    }

    /**
     * The status a sample gets: the one listed for it, else (samples whose answer depends on the stack's own
     * tokens, such as the owner's API) any answer but a 5xx.
     */
    private static void assertStatus(String sample, int status) {
        String name = sample.lines().findFirst().orElse(sample);
        if (STATUS.containsKey(name)) {
            assertThat(status).as(sample).isEqualTo(STATUS.get(name));
        } else {
            assertThat(status).as(sample).isBetween(200, 499);
        }
    }

    /** {@code DailySummary} -> {@code daily-summary}. */
    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    /** Every sample under events/, with the function that takes it (by route key or by queue). */
    private static List<Sample> samples() throws IOException {
        List<Sample> samples = new ArrayList<>();
        try (Stream<Path> files = Files.list(TestPaths.projectRoot().resolve("events"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                JsonNode node = JSON.readTree(file.toFile());
                String functionId = null;
                if (node.has("routeKey")) {
                    String routeKey = node.get("routeKey").asText();
                    functionId = stack.template().httpApiRoutes().stream().filter(r -> r.routeKey().equals(routeKey))
                            .map(r -> r.functionLogicalId()).findFirst().orElse(null);
                } else if (node.has("Records")) {
                    String arn = node.get("Records").get(0).path("eventSourceARN").asText();
                    String queue = arn.substring(arn.lastIndexOf(':') + 1);
                    functionId = stack.template().consumerOf(queue).map(FunctionDefinition::logicalId).orElse(null);
                }
                if (functionId == null) { // a schedule's Input: events/<function-name>-schedule.json
                    String name = file.getFileName().toString();
                    functionId = stack.template().functions().values().stream()
                            .filter(f -> !f.schedules().isEmpty())
                            .filter(f -> name.startsWith(kebab(f.logicalId().replaceFirst("Function$", "")) + "-"))
                            .map(FunctionDefinition::logicalId).findFirst().orElse(null);
                }
                assertThat(functionId).as("the function for " + file).isNotNull();
                samples.add(new Sample(stack.template().function(functionId).orElseThrow(), file));
            }
        }
        return samples;
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
