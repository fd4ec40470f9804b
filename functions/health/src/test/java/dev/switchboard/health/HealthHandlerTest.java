package dev.switchboard.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.testing.TwilioEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The handler with the committed sample event and a fake table probe. */
class HealthHandlerTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T20:00:00Z"), ZoneOffset.UTC);

    RuntimeException outage;
    int reads;

    final HealthHandler handler = new HealthHandler("prod", "42", new HealthCheck(() -> {
        reads++;
        if (outage != null) {
            throw outage;
        }
    }, CLOCK, Duration.ofSeconds(5)), CLOCK);

    static JsonNode json(APIGatewayV2HTTPResponse response) throws Exception {
        return Json.MAPPER.readTree(response.getBody());
    }

    static APIGatewayV2HTTPEvent withMethod(String method) {
        APIGatewayV2HTTPEvent event = TwilioEvents.load("health.json");
        event.getRequestContext().getHttp().setMethod(method);
        return event;
    }

    @Test
    void answers200WithStageVersionAndTimeWhenTheTableAnswers() throws Exception {
        APIGatewayV2HTTPResponse response = handler.handleRequest(TwilioEvents.load("health.json"), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
        JsonNode body = json(response);
        assertThat(body.path("status").asText()).isEqualTo("ok");
        assertThat(body.path("service").asText()).isEqualTo("switchboard");
        assertThat(body.path("stage").asText()).isEqualTo("prod");
        assertThat(body.path("version").asText()).isEqualTo("42");
        assertThat(body.path("time").asText()).isEqualTo("2026-11-22T20:00:00Z");
        assertThat(body.path("table").asText()).isEqualTo("ok");
    }

    @Test
    void answers503WithAJsonBodyWhenTheTableDoesNot() throws Exception {
        outage = new IllegalStateException("Unable to execute HTTP request: Connection refused");

        APIGatewayV2HTTPResponse response = handler.handleRequest(TwilioEvents.load("health.json"), null);

        assertThat(response.getStatusCode()).isEqualTo(503);
        JsonNode body = json(response);
        assertThat(body.path("status").asText()).isEqualTo("unavailable");
        assertThat(body.path("table").asText()).isEqualTo("unavailable");
        assertThat(body.path("stage").asText()).isEqualTo("prod");
        assertThat(body.path("version").asText()).isEqualTo("42");
        assertThat(response.getBody()).doesNotContain("Connection refused");
    }

    @Test
    void headAnswersLikeGet() {
        assertThat(handler.handleRequest(withMethod("HEAD"), null).getStatusCode()).isEqualTo(200);
    }

    @Test
    void otherMethodsAre405AndNeverProbe() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(withMethod("POST"), null);

        assertThat(response.getStatusCode()).isEqualTo(405);
        assertThat(response.getHeaders()).containsKey("Allow");
        assertThat(reads).isZero();
    }

    @Test
    void theEnvironmentConstructorNeedsTheTableName() {
        assertThatThrownBy(() -> new HealthHandler(Map.of("STAGE", "dev")))
                .hasMessageContaining("TABLE_NAME is required");
    }
}
