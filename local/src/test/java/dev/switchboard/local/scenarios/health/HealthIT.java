package dev.switchboard.local.scenarios.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.emulators.AwsEmulators;
import dev.switchboard.local.LocalStack;
import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.testing.TwilioEvents;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /health} through the local stack, against DynamoDB Local: 200 while the table answers, 503
 * with a JSON body once the emulators are stopped. Two stacks share one set of emulators so that the
 * second one's first check happens with storage already down (the few seconds' cache is unit-tested).
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
                .onlyFunctions(List.of("HealthFunction"))
                .inheritProcessEnvironment(false)
                .twilioSandbox(false)
                .pollQueues(false)
                .start();
    }

    private static HttpResponse<String> health(LocalStack stack) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/health")).timeout(Duration.ofSeconds(20))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
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
    void answers200WhileTheTableAnswersAnd503WithABodyWhenStorageIsDown() throws Exception {
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

        emulators.close();

        HttpResponse<String> unhealthy = health(down);
        assertThat(unhealthy.statusCode()).isEqualTo(503);
        assertThat(unhealthy.headers().firstValue("Content-Type")).contains("application/json");
        JsonNode problem = Json.MAPPER.readTree(unhealthy.body());
        assertThat(problem.path("status").asText()).isEqualTo("unavailable");
        assertThat(problem.path("table").asText()).isEqualTo("unavailable");
        assertThat(problem.path("service").asText()).isEqualTo("switchboard");
        assertThat(problem.path("stage").asText()).isEqualTo("dev");
    }
}
