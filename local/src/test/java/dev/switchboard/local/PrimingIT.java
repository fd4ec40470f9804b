package dev.switchboard.local;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * SnapStart priming of every function, each from its own jar with its real wiring, against the local stack's
 * emulators (DynamoDB Local, ElasticMQ, s3proxy) and one WireMock standing in for Twilio, the CRM webhook and
 * OpenAI: each function's {@code Priming.runBeforeCheckpoint()} answers its sample event, and afterwards
 * nothing was written to the table, no queue holds a message, no object was stored, and WireMock received
 * no request. Then the restore hooks run.
 */
class PrimingIT {

    private static WireMockServer thirdParties;
    private static LocalStack stack;

    @BeforeAll
    static void start() {
        thirdParties = new WireMockServer(wireMockConfig().dynamicPort());
        thirdParties.start();
        thirdParties.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{}")));
        stack = LocalStack.builder().template(TestPaths.template()).inheritProcessEnvironment(false)
                .twilioSandbox(false).pollQueues(false).environment(Map.of(
                        "ALLOWED_ORIGINS", "http://localhost:3000",
                        "TWILIO_API_BASE_URL", thirdParties.baseUrl(),
                        "TWILIO_INTELLIGENCE_BASE_URL", thirdParties.baseUrl(),
                        "CRM_KIND", "webhook",
                        "CRM_WEBHOOK_URL", thirdParties.baseUrl() + "/crm",
                        "CRM_WEBHOOK_SECRET", "priming-test-secret",
                        "TRANSCRIBER", "openai-whisper",
                        "OPENAI_BASE_URL", thirdParties.baseUrl(),
                        "OPENAI_API_KEY", "sk-priming-test"))
                .start();
        stack.awaitFunctions();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
        if (thirdParties != null) {
            thirdParties.stop();
        }
    }

    @Test
    void everyFunctionPrimesItsRequestPathWithoutWritingOrCallingOut() throws Exception {
        assertThat(stack.failedFunctions()).isEmpty();
        Map<String, Integer> before = state();
        Map<String, Integer> primed = new TreeMap<>();
        for (LambdaFunction function : stack.functions().values()) {
            ClassLoader loader = function.handlerClass().orElseThrow().getClassLoader();
            Class<?> priming = Class.forName("dev.switchboard.shared.config.Priming", true, loader);
            primed.put(function.logicalId(), (Integer) priming.getMethod("runBeforeCheckpoint").invoke(null));
            assertThat((Boolean) priming.getMethod("active").invoke(null)).isFalse();
        }
        // Every function registered its handler (the stack keeps at least one instance of each).
        assertThat(primed).hasSize(stack.functions().size());
        assertThat(primed.values()).allMatch(n -> n >= 1);
        assertThat(state()).as("table items, queued messages, stored objects").isEqualTo(before);
        assertThat(thirdParties.getAllServeEvents()).as("requests to Twilio, the CRM or OpenAI").isEmpty();

        // What Lambda calls after a restore: the settings caches are dropped, and the handlers still answer.
        for (LambdaFunction function : stack.functions().values()) {
            ClassLoader loader = function.handlerClass().orElseThrow().getClassLoader();
            Class.forName("dev.switchboard.shared.config.RestoreHooks", true, loader).getMethod("runAfterRestore")
                    .invoke(null);
        }
        assertThat(stack.invoke("HealthFunction", EventJson.read(TestPaths.projectRoot().resolve("events/health.json"),
                com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.class))).isNotNull();
    }

    /** Items per table, messages per queue (visible and in flight), objects per bucket. */
    private static Map<String, Integer> state() {
        Map<String, Integer> state = new HashMap<>();
        var aws = stack.emulators();
        stack.resources().tableNames().values().forEach(table -> state.put("table " + table,
                aws.dynamoDb().scan(ScanRequest.builder().tableName(table).build()).count()));
        stack.resources().queues().values().forEach(queue -> {
            Map<QueueAttributeName, String> attributes = aws.sqs().getQueueAttributes(b -> b.queueUrl(queue.url())
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
            state.put("queue " + queue.logicalId(), attributes.values().stream().mapToInt(Integer::parseInt).sum());
        });
        stack.resources().bucketNames().values().forEach(bucket -> state.put("bucket " + bucket,
                aws.s3().listObjectsV2(b -> b.bucket(bucket)).keyCount()));
        return state;
    }

}
