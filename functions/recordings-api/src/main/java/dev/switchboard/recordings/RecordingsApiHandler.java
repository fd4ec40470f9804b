package dev.switchboard.recordings;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.switchboard.shared.auth.BearerToken;
import dev.switchboard.shared.config.ColdStart;
import dev.switchboard.shared.config.ConfigException;
import dev.switchboard.shared.config.LiveSetting;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.http.ApiRouteHandler;
import dev.switchboard.shared.http.HttpProblem;
import dev.switchboard.shared.http.HttpRequest;
import dev.switchboard.shared.http.HttpResponses;
import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.logging.LogFields;
import dev.switchboard.shared.storage.CallRecords;
import dev.switchboard.shared.storage.DynamoDbClients;
import dev.switchboard.shared.storage.RecordingRecords;
import dev.switchboard.shared.storage.S3Clients;
import dev.switchboard.shared.storage.Table;
import dev.switchboard.shared.twilio.Routes;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /recordings} (newest first, paginated, by date range and number) and
 * {@code GET /recordings/{RecordingSid}} (the call, a presigned link to the audio and the transcript), as
 * {@link RecordingsService} puts them together. Every request needs
 * {@code Authorization: Bearer <RECORDINGS_TOKEN>}; a wrong or missing token, or any token in the URL, is a
 * 401 with {@code WWW-Authenticate: Bearer} and nothing listed.
 */
public class RecordingsApiHandler extends ApiRouteHandler {

    /** Query parameters that look like a credential: refused, because URLs end up in logs and histories. */
    static final Set<String> TOKEN_PARAMETERS = Set.of("token", "access_token", "auth", "key", "api_key", "bearer");
    private static final Logger LOG = LoggerFactory.getLogger(RecordingsApiHandler.class);

    private final Supplier<BearerToken> token;
    private final ZoneId zone;
    private final Clock clock;
    private final RecordingsService service;

    /** Lambda's constructor: wires everything from the process environment once per container. */
    public RecordingsApiHandler() {
        this(System.getenv());
    }

    /** Wires the real clients from {@code environment} (the local stack hands each function its own). */
    public RecordingsApiHandler(Map<String, String> environment) {
        this(ColdStart.wire("RecordingsApiFunction", () -> Wiring.from(Settings.fromEnvironment(environment))));
    }

    private RecordingsApiHandler(Wiring wiring) {
        this(wiring.token(), wiring.zone(), wiring.clock(), wiring.service());
        // SnapStart: answered before the snapshot with the function's own RECORDINGS_TOKEN (the real route, not the 401)
        primeWith("recordings-api-list.json", request -> bearer(wiring.ownToken().get()));
    }

    /**
     * @param token the token accepted now ({@code RECORDINGS_TOKEN}, live)
     * @param zone  {@code BUSINESS_TIME_ZONE}, for the days in {@code from} and {@code to}
     */
    public RecordingsApiHandler(Supplier<BearerToken> token, ZoneId zone, Clock clock, RecordingsService service) {
        super("Recordings API");
        this.token = token;
        this.zone = zone;
        this.clock = clock;
        this.service = service;
    }

    @Override
    protected APIGatewayV2HTTPResponse route(HttpRequest request) {
        String path = request.path();
        Optional<String> sid = Optional.empty();
        if (path.startsWith(Routes.RECORDINGS + "/")) {
            sid = Optional.of(request.pathParameter("RecordingSid").orElse(path.substring(Routes.RECORDINGS.length() + 1)));
        } else if (!path.equals(Routes.RECORDINGS) && !path.equals(Routes.RECORDINGS + "/")) {
            return HttpResponses.text(404, "Not found");
        }
        request.require(0, "GET");
        authorize(request);
        if (sid.isPresent()) {
            LogFields.put("recordingSid", sid.get());
            return service.detail(sid.get()).map(view -> HttpResponses.json(200, Json.write(view)))
                    .orElseGet(() -> HttpResponses.text(404, "No such recording"));
        }
        ListQuery query = ListQuery.parse(request.queryParameters(), zone, clock.instant());
        return HttpResponses.json(200, Json.write(service.list(query)));
    }

    @Override
    protected APIGatewayV2HTTPResponse unavailable() {
        return HttpResponses.text(503, "Recordings are unavailable right now; try again shortly");
    }

    private void authorize(HttpRequest request) {
        boolean tokenInUrl = request.queryParameters().keySet().stream()
                .anyMatch(name -> TOKEN_PARAMETERS.contains(name.toLowerCase(java.util.Locale.ROOT)));
        if (tokenInUrl) {
            LOG.warn("Recordings API: refused a request from {} with a token in the URL (only the Authorization header"
                    + " is accepted)", request.sourceIp().orElse("unknown"));
            throw unauthorized("invalid_request");
        }
        if (!token.get().accepts(request.header("authorization"))) {
            LOG.warn("Recordings API: refused a request from {} ({} bearer token)", request.sourceIp().orElse("unknown"),
                    request.header("authorization").isPresent() ? "wrong" : "no");
            throw unauthorized(request.header("authorization").isPresent() ? "invalid_token" : null);
        }
    }

    private static HttpProblem unauthorized(String error) {
        return HttpProblem.bearerChallenge("switchboard-recordings", error);
    }

    /** The real clients, built once per container. */
    private record Wiring(Supplier<BearerToken> token, Supplier<String> ownToken, ZoneId zone, Clock clock,
                          RecordingsService service) {

        static Wiring from(Settings settings) {
            LiveSetting<BearerToken> token = BearerToken.fromSettings(settings);
            Table table = new Table(DynamoDbClients.create(settings.aws(), Duration.ofSeconds(5)),
                    settings.required("TABLE_NAME"));
            RecordingFiles files = RecordingFiles.of(S3Clients.presigner(settings.aws()),
                    S3Clients.create(settings.aws(), Duration.ofSeconds(5)));
            Duration linkLifetime = Duration.ofMinutes(settings.integer("PRESIGNED_URL_MINUTES", 10, 1, 60));
            String zoneName = settings.orDefault("BUSINESS_TIME_ZONE", "America/New_York");
            ZoneId zone;
            try {
                zone = ZoneId.of(zoneName);
            } catch (DateTimeException e) {
                throw new ConfigException("BUSINESS_TIME_ZONE is not a time zone: '" + zoneName + "'");
            }
            return new Wiring(token, BearerToken.ownToken(settings), zone, settings.clock(), new RecordingsService(
                    RecordingCatalog.of(new RecordingRecords(table), new CallRecords(table)), files,
                    settings.required("RECORDINGS_BUCKET"), linkLifetime, settings.clock()));
        }
    }
}
