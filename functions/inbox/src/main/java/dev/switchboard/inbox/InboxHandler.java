package dev.switchboard.inbox;

import dev.switchboard.shared.activity.ActivityIndex;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.shared.auth.OwnerAuth;
import dev.switchboard.shared.auth.Principal;
import dev.switchboard.shared.config.ColdStart;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.http.ApiRouteHandler;
import dev.switchboard.shared.http.HttpProblem;
import dev.switchboard.shared.http.HttpRequest;
import dev.switchboard.shared.http.HttpResponses;
import dev.switchboard.shared.json.Json;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The owner's inbox: sign-in ({@code /auth/*}), the JSON API ({@code /api/*} but {@code /api/notify*}) and the
 * page ({@code /inbox}, {@code /inbox/c/{phone}}, {@code /inbox/assets/*}). Parses, authenticates
 * ({@link OwnerAuth}), calls {@link AuthService}, {@link InboxService} or {@link ClickToCall}, and maps their
 * outcomes. Bad input is a 400 with the field; nothing is written for a refused request.
 */
public class InboxHandler extends ApiRouteHandler {

    static final int MAX_BODY_BYTES = 16 * 1024;
    static final String SET_COOKIE_ATTRIBUTES = "; Path=/; Secure; HttpOnly; SameSite=Strict";
    private static final Pattern DONE = Pattern.compile("^/api/activity/([^/]+)/done$");
    private static final Pattern CONTACT = Pattern.compile("^/api/contacts/([^/]+)$");
    private static final Pattern TEXTS = Pattern.compile("^/api/contacts/([^/]+)/texts$");
    private static final Pattern ASSET = Pattern.compile("^/inbox/assets/([a-z0-9-]+\\.(js|css|svg))$");
    private static final Logger LOG = LoggerFactory.getLogger(InboxHandler.class);

    private final OwnerAuth auth;
    private final AuthService signIn;
    private final InboxService inbox;
    private final ClickToCall calls;
    private final StaffDirectory staff;
    private final InboxPage page;

    public InboxHandler() {
        this(System.getenv());
    }

    public InboxHandler(Map<String, String> environment) {
        this(ColdStart.wire("InboxFunction", () -> InboxWiring.from(Settings.fromEnvironment(environment))));
    }

    private InboxHandler(InboxWiring w) {
        this(w.auth(), w.signIn(), w.inbox(), w.calls(), w.staff(), w.page());
        // SnapStart: answered before the snapshot with the function's own RECORDINGS_TOKEN (the real route, not the 401)
        primeWith("inbox-api-activity.json", request -> bearer(w.ownToken().get()));
    }

    public InboxHandler(OwnerAuth auth, AuthService signIn, InboxService inbox, ClickToCall calls,
                        StaffDirectory staff, InboxPage page) {
        super("Inbox");
        this.auth = auth;
        this.signIn = signIn;
        this.inbox = inbox;
        this.calls = calls;
        this.staff = staff;
        this.page = page;
    }

    @Override
    protected APIGatewayV2HTTPResponse unavailable() {
        return HttpResponses.json(503, "{\"error\":\"unavailable\"}", Map.of("Retry-After", "5"));
    }

    @Override
    protected APIGatewayV2HTTPResponse route(HttpRequest request) {
        String path = request.path();
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.equals("/inbox") || path.startsWith("/inbox/c/")) {
            request.require(0, "GET");
            return page.html();
        }
        Matcher asset = ASSET.matcher(path);
        if (asset.matches()) {
            request.require(0, "GET");
            return page.asset(asset.group(1));
        }
        if (path.equals("/auth/session") && request.method().equals("GET")) {
            return sessionStatus(request);
        }
        if (path.startsWith("/auth/")) {
            request.require(MAX_BODY_BYTES, "POST");
            return switch (path) {
                case "/auth/code" -> requestCode(request);
                case "/auth/session" -> createSession(request);
                case "/auth/logout" -> logout(request, false);
                case "/auth/logout-all" -> logout(request, true);
                default -> HttpResponses.json(404, "{\"error\":\"not_found\"}");
            };
        }
        if (!path.startsWith("/api/")) {
            return HttpResponses.json(404, "{\"error\":\"not_found\"}");
        }
        // Every /api route needs credentials, whatever else is wrong with the request.
        Principal principal = auth.authenticate(request);
        if (path.equals("/api/activity")) {
            request.require(0, "GET");
            return activity(request);
        }
        if (path.equals("/api/me")) {
            request.require(0, "GET");
            return me(principal);
        }
        if (path.equals("/api/stats")) {
            request.require(0, "GET");
            return stats(request);
        }
        if (path.equals("/api/calls")) {
            request.require(MAX_BODY_BYTES, "POST");
            return call(request, principal);
        }
        Matcher done = DONE.matcher(path);
        if (done.matches()) {
            request.require(MAX_BODY_BYTES, "POST");
            return done(decode(request.pathParameter("id").orElse(done.group(1))));
        }
        Matcher texts = TEXTS.matcher(path);
        if (texts.matches()) {
            request.require(MAX_BODY_BYTES, "POST");
            return text(request, principal, pathPhone(request, texts.group(1)));
        }
        Matcher contact = CONTACT.matcher(path);
        if (contact.matches()) {
            request.require(0, "GET");
            return contact(request, pathPhone(request, contact.group(1)));
        }
        return HttpResponses.json(404, "{\"error\":\"not_found\"}");
    }

    // ---------------------------------------------------------------- sign-in

    private APIGatewayV2HTTPResponse requestCode(HttpRequest request) {
        requireOwnOriginIfAny(request);
        JsonBody body = JsonBody.parse(request, Set.of("phone"));
        String phone = JsonBody.phone("phone", body.requiredText("phone"));
        AuthService.CodeOutcome outcome = signIn.requestCode(phone, request.sourceIp());
        if (outcome instanceof AuthService.CodeOutcome.RateLimited r) {
            return tooMany(r.retryAfter());
        }
        return HttpResponses.json(202, "{\"sent\":true}");
    }

    private APIGatewayV2HTTPResponse createSession(HttpRequest request) {
        requireOwnOriginIfAny(request);
        JsonBody body = JsonBody.parse(request, Set.of("phone", "code"));
        String phone = JsonBody.phone("phone", body.requiredText("phone"));
        String code = body.requiredText("code").strip();
        AuthService.SignInOutcome outcome = signIn.signIn(phone, code, request.sourceIp());
        if (outcome instanceof AuthService.SignInOutcome.SignedIn s) {
            return APIGatewayV2HTTPResponse.builder().withStatusCode(204)
                    .withHeaders(Map.of("Cache-Control", "no-store"))
                    .withCookies(List.of(OwnerAuth.COOKIE + "=" + s.sessionId() + SET_COOKIE_ATTRIBUTES
                            + "; Max-Age=" + Duration.ofDays(30).toSeconds()))
                    .withBody("").withIsBase64Encoded(false).build();
        }
        if (outcome instanceof AuthService.SignInOutcome.RateLimited r) {
            return tooMany(r.retryAfter());
        }
        return HttpResponses.json(401, "{\"error\":\"invalid_code\"}");
    }

    /**
     * {@code GET /auth/session}: whether this browser is signed in, always 200 (so the page asks without an
     * error in the console): {@code {"signedIn": false}} or {@code {"signedIn": true, "staff", "name"}}.
     */
    private APIGatewayV2HTTPResponse sessionStatus(HttpRequest request) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        Optional<Principal> principal = Optional.empty();
        if (OwnerAuth.sessionId(request).isPresent()) {
            try {
                principal = Optional.of(auth.authenticate(request)).filter(Principal::isPerson);
            } catch (HttpProblem refused) {
                principal = Optional.empty();
            }
        }
        body.put("signedIn", principal.isPresent());
        principal.flatMap(Principal::staffPhone).ifPresent(phone -> {
            body.put("staff", phone);
            body.put("name", staff.member(phone).map(StaffDirectory.Member::name).orElse(null));
        });
        return HttpResponses.json(200, Json.write(body));
    }

    private APIGatewayV2HTTPResponse logout(HttpRequest request, boolean everywhere) {
        Principal principal = auth.authenticate(request);
        if (!principal.isPerson()) {
            throw JsonBody.problem(400, null, "Only a signed-in person can sign out");
        }
        if (everywhere) {
            signIn.logoutAll(principal.staffPhone().orElseThrow());
        } else {
            signIn.logout(principal);
        }
        return APIGatewayV2HTTPResponse.builder().withStatusCode(204).withHeaders(Map.of("Cache-Control", "no-store"))
                .withCookies(List.of(OwnerAuth.COOKIE + "=" + SET_COOKIE_ATTRIBUTES + "; Max-Age=0"))
                .withBody("").withIsBase64Encoded(false).build();
    }

    /** Sign-in from a browser must come from the inbox's own origin (no sign-in forced by another site). */
    private void requireOwnOriginIfAny(HttpRequest request) {
        Optional<String> origin = request.header("origin");
        if (origin.isPresent() && !origin.get().trim().toLowerCase(Locale.ROOT).equals(auth.origin())) {
            throw JsonBody.error(403, "forbidden_origin");
        }
    }

    private static APIGatewayV2HTTPResponse tooMany(Duration wait) {
        return HttpResponses.json(429, "{\"error\":\"rate_limited\"}",
                Map.of("Retry-After", String.valueOf(Math.max(1, wait.toSeconds()))));
    }

    // ---------------------------------------------------------------- API

    private APIGatewayV2HTTPResponse me(Principal principal) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("staff", principal.staffPhone().orElse(null));
        body.put("name", principal.staffPhone().flatMap(staff::member).map(StaffDirectory.Member::name).orElse(null));
        return HttpResponses.json(200, Json.write(body));
    }

    private APIGatewayV2HTTPResponse activity(HttpRequest request) {
        Map<String, String> q = query(request);
        knownParameters(q, Set.of("filter", "line", "cursor", "limit"));
        ActivityIndex.Feed filter = ActivityIndex.Feed.fromWireName(q.getOrDefault("filter", "all"))
                .orElseThrow(() -> JsonBody.problem(400, "filter", "One of all, needs-reply, missed, voicemail, texts, quotes"));
        Optional<String> line = Optional.ofNullable(q.get("line")).filter(v -> !v.isBlank()).map(v -> JsonBody.phone("line", v));
        int limit = number(q, "limit", 50, 1, 200);
        Optional<String> cursor = Optional.ofNullable(q.get("cursor")).filter(v -> !v.isBlank());
        try {
            return HttpResponses.json(200, Json.write(inbox.activity(filter, line, cursor, limit)));
        } catch (IllegalArgumentException e) {
            throw JsonBody.problem(400, "cursor", "Not a cursor from this feed");
        }
    }

    private APIGatewayV2HTTPResponse contact(HttpRequest request, String phone) {
        Map<String, String> q = query(request);
        knownParameters(q, Set.of("cursor", "limit"));
        int limit = number(q, "limit", 50, 1, 200);
        Optional<String> cursor = Optional.ofNullable(q.get("cursor")).filter(v -> !v.isBlank());
        try {
            return inbox.contact(phone, cursor, limit).map(view -> HttpResponses.json(200, Json.write(view)))
                    .orElseGet(() -> HttpResponses.json(404, "{\"error\":\"not_found\"}"));
        } catch (IllegalArgumentException e) {
            throw JsonBody.problem(400, "cursor", "Not a cursor from this timeline");
        }
    }

    private APIGatewayV2HTTPResponse text(HttpRequest request, Principal principal, String phone) {
        String key = request.header("idempotency-key").map(String::strip).filter(k -> !k.isEmpty())
                .orElseThrow(() -> JsonBody.problem(400, "Idempotency-Key", "Required header"));
        if (key.length() > 200) {
            throw JsonBody.problem(400, "Idempotency-Key", "At most 200 characters");
        }
        JsonBody body = JsonBody.parse(request, Set.of("body", "line"));
        String text = body.text("body").orElse("");
        if (text.isBlank()) {
            throw JsonBody.problem(400, "body", "Required");
        }
        if (text.codePointCount(0, text.length()) > InboxService.MAX_TEXT_LENGTH) {
            throw JsonBody.problem(400, "body", "At most " + InboxService.MAX_TEXT_LENGTH + " characters");
        }
        Optional<String> line = body.phone("line");
        InboxService.TextOutcome outcome = inbox.text(new InboxService.InboxText(phone, text, line, key,
                principal.staffPhone()));
        if (outcome instanceof InboxService.TextOutcome.Accepted a) {
            ObjectNode out = Json.MAPPER.createObjectNode();
            out.put("id", a.id());
            out.put("status", a.status());
            return HttpResponses.json(202, Json.write(out));
        }
        if (outcome instanceof InboxService.TextOutcome.OptedOut) {
            return HttpResponses.json(409, "{\"error\":\"opted_out\"}");
        }
        if (outcome instanceof InboxService.TextOutcome.Capped) {
            return HttpResponses.json(429, "{\"error\":\"daily_cap\"}", Map.of("Retry-After", "3600"));
        }
        if (outcome instanceof InboxService.TextOutcome.UnknownLine) {
            throw JsonBody.problem(400, "line", "Not one of the business's lines");
        }
        if (outcome instanceof InboxService.TextOutcome.CannotText) {
            return HttpResponses.json(422, "{\"error\":\"cannot_text\"}");
        }
        return HttpResponses.json(503, "{\"error\":\"not_sent\"}");
    }

    private APIGatewayV2HTTPResponse call(HttpRequest request, Principal principal) {
        JsonBody body = JsonBody.parse(request, Set.of("to", "line", "staff"));
        String to = JsonBody.phone("to", body.requiredText("to"));
        Optional<String> line = body.phone("line");
        Optional<String> who = body.phone("staff");
        Optional<String> name = Optional.empty();
        try {
            name = inbox.contactName(to);
        } catch (RuntimeException e) {
            LOG.warn("Click-to-call: the contact's name could not be read: {}", e.getMessage());
        }
        ClickToCall.Outcome outcome = calls.call(principal, to, line, who, name);
        if (outcome instanceof ClickToCall.Outcome.Placed p) {
            ObjectNode out = Json.MAPPER.createObjectNode();
            out.put("callSid", p.callSid());
            return HttpResponses.json(202, Json.write(out));
        }
        if (outcome instanceof ClickToCall.Outcome.WhoseCallMissing) {
            throw JsonBody.problem(400, "staff", "Whose phone rings: a staff member's number (required with the bearer token)");
        }
        if (outcome instanceof ClickToCall.Outcome.NotStaff) {
            throw JsonBody.problem(400, "staff", "Not a staff member");
        }
        if (outcome instanceof ClickToCall.Outcome.UnknownLine) {
            throw JsonBody.problem(400, "line", "Not one of the business's lines");
        }
        return HttpResponses.json(503, "{\"error\":\"call_failed\"}");
    }

    private APIGatewayV2HTTPResponse done(String id) {
        String eventPk = ActivityViews.eventPk(id).orElseThrow(() -> JsonBody.problem(400, "id", "Not an activity id"));
        return inbox.done(eventPk) ? HttpResponses.noContent() : HttpResponses.json(404, "{\"error\":\"not_found\"}");
    }

    private APIGatewayV2HTTPResponse stats(HttpRequest request) {
        Map<String, String> q = query(request);
        knownParameters(q, Set.of("days", "line"));
        int days = number(q, "days", 30, 1, 90);
        Optional<String> line = Optional.ofNullable(q.get("line")).filter(v -> !v.isBlank()).map(v -> JsonBody.phone("line", v));
        return HttpResponses.json(200, Json.write(inbox.stats(days, line)));
    }

    // ---------------------------------------------------------------- parsing

    private static Map<String, String> query(HttpRequest request) {
        try {
            return request.queryParameters();
        } catch (HttpProblem e) {
            throw JsonBody.problem(400, null, "Malformed query string");
        }
    }

    private static void knownParameters(Map<String, String> query, Set<String> known) {
        for (String name : query.keySet()) {
            if (!known.contains(name)) {
                throw JsonBody.problem(400, name, "Unknown parameter");
            }
        }
    }

    private static int number(Map<String, String> query, String name, int defaultValue, int min, int max) {
        String raw = query.get(name);
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value < min || value > max) {
                throw JsonBody.problem(400, name, "Between " + min + " and " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw JsonBody.problem(400, name, "A whole number");
        }
    }

    /** The phone in the path: E.164 with its {@code +} URL-encoded ({@code %2B}), or a 400. */
    private static String pathPhone(HttpRequest request, String raw) {
        String value = decode(request.pathParameter("phone").orElse(raw));
        return JsonBody.phone("phone", value);
    }

    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw JsonBody.problem(400, null, "Malformed path");
        }
    }
}
