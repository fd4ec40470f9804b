package dev.switchboard.shared.auth;

import dev.switchboard.shared.http.HttpProblem;
import dev.switchboard.shared.http.HttpRequest;
import dev.switchboard.shared.http.HttpUrls;
import java.net.URI;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may use the owner's routes ({@code /api/*}, and issue 15's {@code /api/notify}): the session cookie
 * {@code __Host-sb_session} of a signed-in staff member, or {@code Authorization: Bearer <RECORDINGS_TOKEN>}
 * for scripts. Anything else is {@code 401 {"error": "unauthorized"}}. A state-changing request (anything but
 * GET/HEAD/OPTIONS) made with the cookie must carry an {@code Origin} equal to {@code PUBLIC_BASE_URL}'s
 * origin, else {@code 403 {"error": "forbidden_origin"}} (SameSite=Strict already keeps other sites' requests
 * cookie-less; the Origin check is the second lock). A session whose person left {@code STAFF} no longer opens
 * anything. Session ids are never logged.
 */
public final class OwnerAuth {

    public static final String COOKIE = "__Host-sb_session";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Logger LOG = LoggerFactory.getLogger(OwnerAuth.class);

    /** Finds a live session by its id. */
    @FunctionalInterface
    public interface SessionLookup {
        Optional<Sessions.Session> find(String id, java.time.Instant now);
    }

    private final Supplier<BearerToken> token;
    private final SessionLookup sessions;
    private final Predicate<String> isStaff;
    private final String origin;
    private final Clock clock;

    /**
     * @param publicBaseUrl {@code PUBLIC_BASE_URL}: its origin is the only one a cookie POST may come from
     * @param isStaff       whether a number is (still) staff ({@code STAFF})
     */
    public OwnerAuth(Supplier<BearerToken> token, SessionLookup sessions, Predicate<String> isStaff,
                     String publicBaseUrl, Clock clock) {
        this.token = token;
        this.sessions = sessions;
        this.isStaff = isStaff;
        this.origin = origin(publicBaseUrl);
        this.clock = clock;
    }

    /** The origin of a base URL: {@code scheme://host[:port]}, lower case, default port dropped. */
    public static String origin(String url) {
        URI uri = HttpUrls.absolute(url).orElseThrow(() -> new IllegalArgumentException("not an absolute URL"));
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    /** The origin cookie POSTs must come from. */
    public String origin() {
        return origin;
    }

    /**
     * The caller, or a refusal: 401 without valid credentials, 403 for a cookie POST from another origin.
     *
     * @throws HttpProblem with a JSON body
     */
    public Principal authenticate(HttpRequest request) {
        Optional<String> authorization = request.header("authorization");
        if (authorization.isPresent()) {
            if (token.get().accepts(authorization)) {
                return Principal.bearer();
            }
            LOG.warn("Owner API: refused a request from {} (wrong bearer token)", request.sourceIp().orElse("unknown"));
            throw unauthorized();
        }
        Optional<String> id = sessionId(request);
        if (id.isEmpty()) {
            throw unauthorized();
        }
        Optional<Sessions.Session> session = sessions.find(id.get(), clock.instant());
        if (session.isEmpty() || !isStaff.test(session.get().staff())) {
            LOG.info("Owner API: refused a request from {} (no live session)", request.sourceIp().orElse("unknown"));
            throw unauthorized();
        }
        if (!SAFE_METHODS.contains(request.method()) && !sameOrigin(request)) {
            LOG.warn("Owner API: refused a {} {} with a session cookie from origin {}", request.method(), request.path(),
                    request.header("origin").orElse("(none)"));
            throw new HttpProblem(403, "{\"error\":\"forbidden_origin\"}", Map.of("Content-Type", "application/json"));
        }
        return Principal.staff(session.get().staff(), session.get().hash());
    }

    private boolean sameOrigin(HttpRequest request) {
        return request.header("origin").map(o -> o.trim().toLowerCase(Locale.ROOT)).filter(origin::equals).isPresent();
    }

    /** The session cookie's value, when the request carries one. */
    public static Optional<String> sessionId(HttpRequest request) {
        return request.cookie(COOKIE);
    }

    public static HttpProblem unauthorized() {
        return new HttpProblem(401, "{\"error\":\"unauthorized\"}", Map.of("Content-Type", "application/json"));
    }
}
