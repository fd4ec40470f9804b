package dev.switchboard.health;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.switchboard.shared.http.HttpApiHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.switchboard.shared.config.ColdStart;
import dev.switchboard.shared.config.Env;
import dev.switchboard.shared.config.Priming;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.http.HttpProblem;
import dev.switchboard.shared.http.HttpRequest;
import dev.switchboard.shared.http.HttpResponses;
import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.storage.DynamoDbClients;
import dev.switchboard.shared.storage.Table;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /health} (and HEAD) for uptime checks: 200 when the table answers, 503 when it does not, both
 * with a JSON body naming the stage and the published version ({@code AWS_LAMBDA_FUNCTION_VERSION}, so a
 * rollback of the {@code live} alias shows). The table's answer is cached a few seconds ({@link HealthCheck}).
 */
// RequestHandler is HttpApiHandler\'s too; named here so the event types read off this class.
public class HealthHandler
        implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, HttpApiHandler {

    /** How long one probe's answer stands. */
    static final Duration CACHE_FOR = Duration.ofSeconds(5);
    /** The item read; it need not exist, the read only has to succeed. */
    static final String PROBE_PK = "health";
    static final String PROBE_SK = "probe";

    private final String stage;
    private final String version;
    private final HealthCheck check;
    private final Clock clock;

    /** Lambda's constructor: configured from the process environment. */
    public HealthHandler() {
        this(System.getenv());
    }

    /** Configured from {@code environment} (the local stack hands each function its own). */
    public HealthHandler(Map<String, String> environment) {
        this(ColdStart.wire("HealthFunction", () -> Wiring.from(environment)));
        Priming.register(this, APIGatewayV2HTTPEvent.class, "health.json"); // SnapStart: answered before the snapshot
    }

    private HealthHandler(Wiring wiring) {
        this(wiring.stage, wiring.version, wiring.check, wiring.clock);
    }

    public HealthHandler(String stage, String version, HealthCheck check, Clock clock) {
        this.stage = stage;
        this.version = version;
        this.check = check;
        this.clock = clock;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        try {
            HttpRequest.from(event).require(1024, "GET", "HEAD");
        } catch (HttpProblem problem) {
            return problem.toResponse();
        }
        HealthCheck.Result result = check.check();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", result.healthy() ? "ok" : "unavailable");
        body.put("service", "switchboard");
        body.put("stage", stage);
        body.put("version", version);
        body.put("time", clock.instant().toString());
        body.put("table", result.table().label());
        return HttpResponses.json(result.healthy() ? 200 : 503, Json.write(body));
    }

    /** The real table, built once per container. */
    private record Wiring(String stage, String version, HealthCheck check, Clock clock) {

        static Wiring from(Map<String, String> environment) {
            Settings settings = Settings.fromEnvironment(environment);
            Env env = settings.env();
            String tableName = settings.required("TABLE_NAME");
            // Short: the answer must come well within the function's 5 s, and a slow table is a finding too.
            Table table = new Table(DynamoDbClients.create(settings.aws(), Duration.ofSeconds(2)), tableName);
            Clock clock = settings.clock();
            return new Wiring(env.get("STAGE").orElse("local"), env.get("AWS_LAMBDA_FUNCTION_VERSION").orElse("$LATEST"),
                    new HealthCheck(() -> table.get(PROBE_PK, PROBE_SK), clock, CACHE_FOR), clock);
        }
    }
}
