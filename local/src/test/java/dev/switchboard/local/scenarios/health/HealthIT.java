package dev.switchboard.local.scenarios.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.emulators.AwsEmulators;
import dev.switchboard.local.LocalStack;
import dev.switchboard.local.template.ExternalCommand;
import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.testing.TwilioEvents;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /health} through the local stack, against DynamoDB Local: 200 while the table answers, 503
 * with a JSON body once the emulators are stopped. Two stacks share one set of emulators so that the
 * second one's first check happens with storage already down (the few seconds' cache is unit-tested).
 * The smoke check of docs/operations.md, run as written, passes on the first and fails on the second.
 */
class HealthIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private AwsEmulators emulators;
    private LocalStack up;
    private LocalStack down;

    private LocalStack healthOnly() {
        return LocalStack.builder()
                .template(TwilioEvents.projectRoot().resolve("template.yaml"))
                .externalEmulators(emulators.endpoints())
                .onlyFunctions(List.of("HealthFunction", "IncomingCallFunction"))
                .inheritProcessEnvironment(false)
                .twilioSandbox(false)
                .pollQueues(false)
                .start();
    }

    private static HttpResponse<String> health(LocalStack stack) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/health")).timeout(Duration.ofSeconds(20))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The smoke-check block of docs/operations.md, run with bash against {@code stack}; null without bash/curl. */
    private static ExternalCommand.Run smokeCheck(LocalStack stack) throws Exception {
        Path root = TwilioEvents.projectRoot();
        String doc = Files.readString(root.resolve("docs/operations.md"));
        int start = doc.indexOf("<!-- smoke-check:start -->");
        int end = doc.indexOf("<!-- smoke-check:end -->");
        assertThat(start).as("docs/operations.md smoke-check markers").isNotNegative().isLessThan(end);
        String block = doc.substring(start, end).replaceAll("(?m)^<!--.*-->$|^```.*$", "").strip();
        return ExternalCommand.run(List.of("bash", "-c", block), root, Map.of("BASE", stack.baseUrl()), "");
    }

    private static boolean hasBashAndCurl() {
        ExternalCommand.Run curl = ExternalCommand.run(List.of("bash", "-c", "command -v curl"), TwilioEvents.projectRoot(),
                Map.of(), "");
        return curl != null && curl.exitCode() == 0;
    }

    @AfterEach
    void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {up, down, emulators}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception ignored) {
                // The emulators may already be stopped: that is the test.
            }
        }
    }

    @Test
    void answers200WhileTheTableAnswersAnd503WithABodyWhenStorageIsDownAndTheSmokeCheckSaysSo() throws Exception {
        emulators = AwsEmulators.startInMemory();
        up = healthOnly();
        down = healthOnly();

        HttpResponse<String> healthy = health(up);
        assertThat(healthy.statusCode()).isEqualTo(200);
        JsonNode body = Json.MAPPER.readTree(healthy.body());
        assertThat(body.path("status").asText()).isEqualTo("ok");
        assertThat(body.path("table").asText()).isEqualTo("ok");
        assertThat(body.path("stage").asText()).isEqualTo("dev");
        assertThat(body.path("version").asText()).isEqualTo("$LATEST");
        assertThat(body.path("time").asText()).isNotBlank();
        boolean canSmokeCheck = hasBashAndCurl();
        if (canSmokeCheck) {
            ExternalCommand.Run passed = smokeCheck(up);
            assertThat(passed.stdout()).as(passed.stderr()).contains("\"status\":\"ok\"", "smoke check passed");
            assertThat(passed.exitCode()).isZero();
        }

        emulators.close();

        HttpResponse<String> unhealthy = health(down);
        assertThat(unhealthy.statusCode()).isEqualTo(503);
        assertThat(unhealthy.headers().firstValue("Content-Type")).contains("application/json");
        JsonNode problem = Json.MAPPER.readTree(unhealthy.body());
        assertThat(problem.path("status").asText()).isEqualTo("unavailable");
        assertThat(problem.path("table").asText()).isEqualTo("unavailable");
        assertThat(problem.path("service").asText()).isEqualTo("switchboard");
        assertThat(problem.path("stage").asText()).isEqualTo("dev");
        if (canSmokeCheck) {
            ExternalCommand.Run failed = smokeCheck(down);
            assertThat(failed.stdout()).contains("SMOKE CHECK FAILED").doesNotContain("smoke check passed");
            assertThat(failed.exitCode()).isNotZero();
        }
        assumeTrue(canSmokeCheck, "bash or curl is not installed here: the smoke check of docs/operations.md was NOT run");
    }
}
