package dev.switchboard.health;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.switchboard.shared.config.Env;
import dev.switchboard.shared.http.HttpProblem;
import dev.switchboard.shared.http.HttpRequest;
import dev.switchboard.shared.http.HttpResponses;
import dev.switchboard.shared.json.Json;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /health}: a liveness answer for uptime checks, with the stage and the time. */
public class HealthHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final String stage;
    private final Clock clock;

    /** Lambda's constructor: configured from the process environment. */
    public HealthHandler() {
        this(System.getenv());
    }

    /** Configured from {@code environment} (the local stack hands each function its own). */
    public HealthHandler(Map<String, String> environment) {
        this(Env.of(environment).get("STAGE").orElse("local"), Clock.systemUTC());
    }

    public HealthHandler(String stage, Clock clock) {
        this.stage = stage;
        this.clock = clock;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        try {
            HttpRequest.from(event).require(1024, "GET", "HEAD");
        } catch (HttpProblem problem) {
            return problem.toResponse();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ok");
        body.put("service", "switchboard");
        body.put("stage", stage);
        body.put("time", clock.instant().toString());
        return HttpResponses.json(200, Json.write(body));
    }
}
