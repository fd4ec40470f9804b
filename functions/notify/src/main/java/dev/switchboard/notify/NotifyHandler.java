package dev.switchboard.notify;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.switchboard.shared.auth.OwnerAuth;
import dev.switchboard.shared.auth.Principal;
import dev.switchboard.shared.config.ColdStart;
import dev.switchboard.shared.config.ConfigException;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.http.ApiRouteHandler;
import dev.switchboard.shared.http.HttpProblem;
import dev.switchboard.shared.http.HttpRequest;
import dev.switchboard.shared.http.HttpResponses;
import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.twilio.Routes;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/notify} (a customer text on the business's schedule, {@link NotifyService}) and
 * {@code GET /api/notify/{id}} (what became of it, {@link NotifyViews}). Authenticated by
 * {@link NotifyAuth} ({@code NOTIFY_TOKEN} bearer, {@code NOTIFY_SECRET} signature) or, like every owner
 * route, by {@link OwnerAuth} (a staff session cookie, with the Origin rule for a POST: else 403
 * {@code forbidden_origin}; or {@code Bearer <RECORDINGS_TOKEN>}): anything else is a 401 before the body is read. A body over 16 KiB is a 413;
 * malformed JSON, wrong types and unknown fields a 400 with {@code {"errors": {...}}}; nothing a client
 * sends causes a 5xx.
 */
public class NotifyHandler extends ApiRouteHandler {

    public static final int MAX_BODY_BYTES = 16 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(NotifyHandler.class);

    private final Supplier<NotifyAuth> auth;
    private final Optional<OwnerAuth> owner;
    private final NotifyRequestReader reader;
    private final NotifyService service;
    private final NotifyViews views;
    private final Clock clock;

    /** Lambda's constructor: wires everything from the process environment once per container. */
    public NotifyHandler() {
        this(System.getenv());
    }

    /** Wires the real clients from {@code environment} (the local stack hands each function its own). */
    public NotifyHandler(Map<String, String> environment) {
        this(ColdStart.wire("NotifyFunction", () -> NotifyWiring.from(Settings.fromEnvironment(environment))));
    }

    private NotifyHandler(NotifyWiring w) {
        this(w.auth(), Optional.of(w.owner()), w.reader(), w.service(), new NotifyViews(w.store()), w.clock());
        // SnapStart: answered before the snapshot with the function's own NOTIFY_TOKEN (the real route, not the 401)
        primeWith("notify-appointment-confirmed.json", request -> w.primingCredentials().apply(request, w.clock().instant()));
    }

    /** Only the notify credentials ({@code NOTIFY_TOKEN}, {@code NOTIFY_SECRET}). */
    public NotifyHandler(Supplier<NotifyAuth> auth, NotifyRequestReader reader, NotifyService service,
                         NotifyViews views, Clock clock) {
        this(auth, Optional.empty(), reader, service, views, clock);
    }

    /** @param owner the owner's credentials (session cookie, {@code RECORDINGS_TOKEN}), accepted as well */
    public NotifyHandler(Supplier<NotifyAuth> auth, Optional<OwnerAuth> owner, NotifyRequestReader reader,
                         NotifyService service, NotifyViews views, Clock clock) {
        super("Notify API");
        this.auth = auth;
        this.owner = owner;
        this.reader = reader;
        this.service = service;
        this.views = views;
        this.clock = clock;
    }

    @Override
    protected APIGatewayV2HTTPResponse route(HttpRequest request) {
        String path = request.path();
        if (path.equals(Routes.NOTIFY) || path.equals(Routes.NOTIFY + "/")) {
            request.require(Integer.MAX_VALUE, "POST");
            if (request.body().length > MAX_BODY_BYTES) {
                return error(413, "too_large", "the body is larger than 16 KiB");
            }
            authorize(request);
            return submit(request);
        }
        if (path.startsWith(Routes.NOTIFY + "/")) {
            request.require(0, "GET");
            authorize(request);
            String id = request.pathParameter("id").orElse(path.substring(Routes.NOTIFY.length() + 1));
            return views.of(id).map(view -> HttpResponses.json(200, Json.write(view)))
                    .orElseGet(() -> error(404, "not_found", "no text with this id"));
        }
        return error(404, "not_found", "no such route");
    }

    /** A refusal as {@code {"error": <code>}} with the problem's headers (the 401's challenge, the 405's Allow). */
    @Override
    protected APIGatewayV2HTTPResponse refused(HttpProblem problem) {
        String code = switch (problem.status()) {
            case 401 -> "unauthorized";
            case 403 -> "forbidden_origin";
            case 405 -> "method_not_allowed";
            case 413 -> "too_large";
            default -> "bad_request";
        };
        return HttpResponses.json(problem.status(), Json.write(Map.of("error", code)), problem.headers());
    }

    /** Any failure past the request's checks (storage, the queue, a bug) is a 503: nothing a client sends causes a 500. */
    @Override
    protected boolean isUnavailable(RuntimeException failure) {
        return true;
    }

    @Override
    protected APIGatewayV2HTTPResponse unavailable() {
        return error(503, "unavailable", "try again shortly");
    }

    private APIGatewayV2HTTPResponse submit(HttpRequest request) {
        String type = request.mediaType();
        if (!type.isEmpty() && !type.equals("application/json") && !type.endsWith("+json")) {
            return error(415, "unsupported_media_type", "send application/json");
        }
        NotifyRequestReader.Result read = reader.read(request.bodyText());
        if (read.request().isEmpty()) {
            LOG.info("Notify refused (400): {}", read.errors().keySet());
            return HttpResponses.json(400, Json.write(Map.of("errors", new java.util.TreeMap<>(read.errors()))));
        }
        NotifyService.Outcome outcome = service.notify(read.request().get());
        if (outcome instanceof NotifyService.Repeated repeated) {
            return HttpResponses.json(repeated.status(), Json.write(repeated.body()), Map.of("Idempotent-Replayed", "true"));
        }
        // Accepted (202) or Refused (409 opted_out, 400, 429, 502, 503): each carries its status and body.
        return HttpResponses.json(outcome.status(), Json.write(outcome.body()));
    }

    /**
     * The notify credentials first; when they do not match, the owner's (a staff session, or the
     * {@code RECORDINGS_TOKEN} bearer). 401 when neither accepts the request, 403 for a cookie POST from
     * another origin.
     */
    private void authorize(HttpRequest request) {
        NotifyAuth.Verdict verdict = auth.get().check(request.header("authorization"),
                request.header(NotifyAuth.SIGNATURE_HEADER), request.body(), clock.instant());
        if (verdict == NotifyAuth.Verdict.OK) {
            return;
        }
        if (owner.isPresent()) {
            try {
                Principal principal = owner.get().authenticate(request);
                LOG.info("Notify API: {}", principal.isPerson() ? "a staff member's session" : "the owner's bearer token");
                return;
            } catch (HttpProblem problem) {
                if (problem.status() != 401) {
                    throw problem;
                }
            } catch (ConfigException e) {
                LOG.error("Notify API: the owner's credentials cannot be checked: {}", e.getMessage());
            }
        }
        if (verdict == NotifyAuth.Verdict.NOT_CONFIGURED && owner.isEmpty()) {
            LOG.error("Notify API: refused a request: neither NOTIFY_TOKEN nor NOTIFY_SECRET is set");
        } else {
            LOG.warn("Notify API: refused a request from {} ({})", request.sourceIp().orElse("unknown"), verdict);
        }
        throw HttpProblem.bearerChallenge("switchboard-notify", null);
    }

    private static APIGatewayV2HTTPResponse error(int status, String error, String detail) {
        return HttpResponses.json(status, Json.write(Map.of("error", error, "detail", detail)));
    }

}
