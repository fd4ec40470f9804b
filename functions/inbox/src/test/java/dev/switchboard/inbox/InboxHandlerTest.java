package dev.switchboard.inbox;

import dev.switchboard.shared.activity.ActivityIndex;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.shared.auth.BearerToken;
import dev.switchboard.shared.auth.OwnerAuth;
import dev.switchboard.shared.auth.Sessions;
import dev.switchboard.shared.config.Lines;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.sms.OutgoingText;
import dev.switchboard.shared.sms.SendResult;
import dev.switchboard.shared.storage.Item;
import dev.switchboard.shared.storage.Table;
import dev.switchboard.shared.testing.MutableClock;
import dev.switchboard.shared.testing.TwilioEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The inbox handler over in-memory fakes: sign-in, who may call the API, the Origin rule, and bad input
 * answered with a 400 naming the field and nothing written.
 */
class InboxHandlerTest {

    static final String TOKEN = "sample-recordings-token-0123456789";
    static final String OWNER = "+19045550177";
    static final String LINE = "+19045550200";
    static final String CUSTOMER = "+19045550123";
    static final String BASE = "https://phone.example.com";

    final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T14:00:00Z"));
    final Lines lines = Lines.load(Settings.of(Map.of("LINES", "{\"" + LINE + "\": {\"forwardTo\": \"" + OWNER
            + "\", \"businessName\": \"Mechanic St. Augustine\"}}")));
    final StaffDirectory staff = phone -> phone.equals(OWNER)
            ? Optional.of(new StaffDirectory.Member(OWNER, "Mike", lines.forNumber(LINE))) : Optional.empty();
    final Map<String, String> codes = new HashMap<>();
    final List<String> texted = new ArrayList<>();
    final Map<String, String> sessions = new HashMap<>();
    final List<OutgoingText> sent = new ArrayList<>();
    final List<String> placed = new ArrayList<>();
    final FakeActivity activity = new FakeActivity();
    final Set<String> optedOut = new HashSet<>();

    final InboxHandler handler = handler();

    InboxHandler handler() {
        CodeStore codeStore = new CodeStore() {
            @Override
            public String issue(String phone, Instant now) {
                codes.put(phone, "123456");
                return "123456";
            }

            @Override
            public boolean redeem(String phone, String code, Instant now) {
                return code.equals(codes.remove(phone));
            }
        };
        AuthService.SessionStore store = new AuthService.SessionStore() {
            @Override
            public String create(String who, Instant now) {
                String id = "s".repeat(42) + sessions.size();
                sessions.put(id, who);
                return id;
            }

            @Override
            public void revoke(String who, String hash) {
                sessions.remove(hash);
            }

            @Override
            public int revokeAll(String who) {
                int before = sessions.size();
                sessions.values().removeIf(who::equals);
                return before - sessions.size();
            }
        };
        OwnerAuth auth = new OwnerAuth(() -> new BearerToken(TOKEN),
                (id, now) -> Optional.ofNullable(sessions.get(id)).map(s -> new Sessions.Session(s, id, now.plusSeconds(60))),
                staff::isStaff, BASE, clock);
        AuthService signIn = new AuthService(staff, codeStore, (member, code) -> texted.add(member.phone() + ":" + code),
                store, new AuthRateLimits(AuthRateLimits.Limits.DEFAULT, (pk, sk, limit, exp) -> true, clock), clock);
        ContactRecords contacts = new FakeContacts(optedOut);
        InboxService inbox = new InboxService(activity, contacts, text -> {
            if (optedOut.contains(text.to())) {
                return new SendResult(SendResult.Status.OPTED_OUT, Optional.empty(), "opted out");
            }
            boolean again = sent.stream().anyMatch(t -> t.key().equals(text.key()));
            sent.add(text);
            return new SendResult(again ? SendResult.Status.DUPLICATE : SendResult.Status.SENT, Optional.of("SM1"), "sent");
        }, lines, staff, Optional.empty(), BASE + "/twilio/sms/status", "bucket", Duration.ofMinutes(10), clock);
        ClickToCall calls = new ClickToCall(inbox, staff, (to, from, url, status) -> {
            placed.add(to + "|" + from + "|" + url);
            return "CA" + "1".repeat(32);
        }, activity, BASE, clock);
        return new InboxHandler(auth, signIn, inbox, calls, staff, new InboxPage(Optional.of("https://bucket.s3.amazonaws.com")));
    }

    static APIGatewayV2HTTPEvent request(String method, String path, String query, String body, Map<String, String> headers,
                                         List<String> cookies) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRawPath(path);
        event.setRawQueryString(query);
        Map<String, String> h = new HashMap<>(headers);
        if (body != null) {
            h.put("content-type", "application/json");
        }
        event.setHeaders(h);
        event.setBody(body);
        event.setCookies(cookies);
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod(method);
        http.setSourceIp("203.0.113.9");
        context.setHttp(http);
        context.setStage("$default");
        event.setRequestContext(context);
        return event;
    }

    APIGatewayV2HTTPResponse call(String method, String path, String query, String body, Map<String, String> headers,
                                  List<String> cookies) {
        return handler.handle(request(method, path, query, body, headers, cookies));
    }

    static JsonNode json(APIGatewayV2HTTPResponse response) throws Exception {
        return Json.MAPPER.readTree(response.getBody());
    }

    String signIn() {
        assertThat(call("POST", "/auth/code", "", "{\"phone\": \"(904) 555-0177\"}", Map.of("origin", BASE), null)
                .getStatusCode()).isEqualTo(202);
        APIGatewayV2HTTPResponse session = call("POST", "/auth/session", "",
                "{\"phone\": \"904-555-0177\", \"code\": \"123456\"}", Map.of("origin", BASE), null);
        assertThat(session.getStatusCode()).isEqualTo(204);
        String cookie = session.getCookies().get(0);
        assertThat(cookie).startsWith("__Host-sb_session=").contains("; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=2592000");
        return cookie.substring(0, cookie.indexOf(';'));
    }

    @Test
    void aStaffMemberSignsInWithTheCodeAndTheCookieOpensTheApi() throws Exception {
        String cookie = signIn();
        assertThat(texted).containsExactly(OWNER + ":123456");
        APIGatewayV2HTTPResponse me = call("GET", "/api/me", "", null, Map.of(), List.of(cookie));
        assertThat(me.getStatusCode()).isEqualTo(200);
        assertThat(json(me).path("staff").asText()).isEqualTo(OWNER);
        assertThat(json(me).path("name").asText()).isEqualTo("Mike");
    }

    @Test
    void thePageAsksWhetherItIsSignedInWithoutA401() throws Exception {
        APIGatewayV2HTTPResponse out = call("GET", "/auth/session", "", null, Map.of(), null);
        assertThat(out.getStatusCode()).isEqualTo(200);
        assertThat(json(out).path("signedIn").asBoolean()).isFalse();
        assertThat(json(call("GET", "/auth/session", "", null, Map.of(), List.of("__Host-sb_session=" + "x".repeat(43))))
                .path("signedIn").asBoolean()).isFalse();
        APIGatewayV2HTTPResponse in = call("GET", "/auth/session", "", null, Map.of(), List.of(signIn()));
        assertThat(json(in).path("signedIn").asBoolean()).isTrue();
        assertThat(json(in).path("name").asText()).isEqualTo("Mike");
    }

    @Test
    void aNumberThatIsNotStaffGetsTheSameAnswerAndNoText() throws Exception {
        APIGatewayV2HTTPResponse response = call("POST", "/auth/code", "", "{\"phone\": \"+19045550188\"}", Map.of(), null);
        assertThat(response.getStatusCode()).isEqualTo(202);
        assertThat(json(response).path("sent").asBoolean()).isTrue();
        assertThat(texted).isEmpty();
    }

    @Test
    void aWrongCodeIsRefused() throws Exception {
        call("POST", "/auth/code", "", "{\"phone\": \"" + OWNER + "\"}", Map.of(), null);
        APIGatewayV2HTTPResponse response = call("POST", "/auth/session", "", "{\"phone\": \"" + OWNER
                + "\", \"code\": \"654321\"}", Map.of(), null);
        assertThat(response.getStatusCode()).isEqualTo(401);
        assertThat(json(response).path("error").asText()).isEqualTo("invalid_code");
        assertThat(response.getCookies()).isNull();
    }

    @Test
    void everyApiRouteWithoutCredentialsIs401() throws Exception {
        for (String[] route : new String[][] {{"GET", "/api/activity"}, {"GET", "/api/contacts/%2B19045550123"},
                {"POST", "/api/contacts/%2B19045550123/texts"}, {"POST", "/api/calls"}, {"POST", "/api/activity/CALL-CA1/done"},
                {"GET", "/api/stats"}, {"GET", "/api/me"}, {"GET", "/api/nothing-here"}}) {
            APIGatewayV2HTTPResponse response = call(route[0], route[1], "", route[0].equals("POST") ? "{}" : null, Map.of(), null);
            assertThat(response.getStatusCode()).as(route[0] + " " + route[1]).isEqualTo(401);
            assertThat(json(response).path("error").asText()).isEqualTo("unauthorized");
            APIGatewayV2HTTPResponse wrong = call(route[0], route[1], "", null, Map.of("authorization", "Bearer nope-nope-nope-nope"),
                    List.of("__Host-sb_session=forged"));
            assertThat(wrong.getStatusCode()).as(route[0] + " " + route[1] + " wrong token").isEqualTo(401);
        }
        assertThat(call("GET", "/api/activity", "", null, Map.of(), List.of("__Host-sb_session=" + "x".repeat(43)))
                .getStatusCode()).isEqualTo(401);
    }

    @Test
    void aCookiePostNeedsTheInboxOrigin() throws Exception {
        String cookie = signIn();
        String body = "{\"body\": \"On my way\"}";
        Map<String, String> key = Map.of("idempotency-key", "k1");
        assertThat(call("POST", "/api/contacts/%2B19045550123/texts", "", body, key, List.of(cookie)).getStatusCode())
                .isEqualTo(403);
        assertThat(call("POST", "/api/contacts/%2B19045550123/texts", "", body,
                Map.of("idempotency-key", "k1", "origin", "https://evil.example"), List.of(cookie)).getStatusCode()).isEqualTo(403);
        assertThat(sent).isEmpty();
        assertThat(call("POST", "/api/contacts/%2B19045550123/texts", "", body,
                Map.of("idempotency-key", "k1", "origin", BASE), List.of(cookie)).getStatusCode()).isEqualTo(202);
        // The bearer token needs no Origin (scripts).
        assertThat(call("POST", "/api/contacts/%2B19045550123/texts", "", body,
                Map.of("idempotency-key", "k2", "authorization", "Bearer " + TOKEN), null).getStatusCode()).isEqualTo(202);
    }

    @Test
    void theSameIdempotencyKeyGetsTheSameAnswer() throws Exception {
        Map<String, String> h = Map.of("idempotency-key", "abc", "authorization", "Bearer " + TOKEN);
        APIGatewayV2HTTPResponse first = call("POST", "/api/contacts/%2B19045550123/texts", "", "{\"body\": \"Hi\"}", h, null);
        APIGatewayV2HTTPResponse second = call("POST", "/api/contacts/%2B19045550123/texts", "", "{\"body\": \"Hi\"}", h, null);
        assertThat(first.getStatusCode()).isEqualTo(202);
        assertThat(second.getBody()).isEqualTo(first.getBody());
        assertThat(sent).extracting(OutgoingText::from).containsOnly(Optional.of(LINE));
    }

    @Test
    void textingAnOptedOutCustomerIs409() throws Exception {
        optedOut.add(CUSTOMER);
        APIGatewayV2HTTPResponse response = call("POST", "/api/contacts/%2B19045550123/texts", "", "{\"body\": \"Hi\"}",
                Map.of("idempotency-key", "x", "authorization", "Bearer " + TOKEN), null);
        assertThat(response.getStatusCode()).isEqualTo(409);
        assertThat(json(response).path("error").asText()).isEqualTo("opted_out");
    }

    @Test
    void badInputIs400WithTheFieldAndNothingWritten() throws Exception {
        Map<String, String> bearer = Map.of("authorization", "Bearer " + TOKEN);
        Map<String, String> keyed = Map.of("authorization", "Bearer " + TOKEN, "idempotency-key", "k");
        record Case(String method, String path, String query, String body, Map<String, String> headers, String field) {
        }
        List<Case> cases = List.of(
                new Case("GET", "/api/activity", "filter=everything", null, bearer, "filter"),
                new Case("GET", "/api/activity", "limit=500", null, bearer, "limit"),
                new Case("GET", "/api/activity", "limit=ten", null, bearer, "limit"),
                new Case("GET", "/api/activity", "cursor=not-ours", null, bearer, "cursor"),
                new Case("GET", "/api/activity", "line=banana", null, bearer, "line"),
                new Case("GET", "/api/activity", "colour=red", null, bearer, "colour"),
                new Case("GET", "/api/contacts/banana", "", null, bearer, "phone"),
                new Case("POST", "/api/contacts/%2B19045550123/texts", "", "{\"body\": \"\"}", keyed, "body"),
                new Case("POST", "/api/contacts/%2B19045550123/texts", "", "{\"body\": \"" + "a".repeat(1601) + "\"}", keyed, "body"),
                new Case("POST", "/api/contacts/%2B19045550123/texts", "", "{\"body\": 12}", keyed, "body"),
                new Case("POST", "/api/contacts/%2B19045550123/texts", "", "{\"body\": \"hi\"}", bearer, "Idempotency-Key"),
                new Case("POST", "/api/contacts/%2B19045550123/texts", "", "{\"body\": \"hi\", \"line\": \"+19045550999\"}", keyed, "line"),
                new Case("POST", "/api/calls", "", "{\"to\": \"not a phone\", \"staff\": \"" + OWNER + "\"}", bearer, "to"),
                new Case("POST", "/api/calls", "", "{\"to\": \"" + CUSTOMER + "\"}", bearer, "staff"),
                new Case("POST", "/api/calls", "", "{\"to\": \"" + CUSTOMER + "\", \"staff\": \"+19045550188\"}", bearer, "staff"),
                new Case("POST", "/api/activity/nonsense/done", "", "{}", bearer, "id"),
                new Case("GET", "/api/stats", "days=0", null, bearer, "days"),
                new Case("POST", "/auth/code", "", "{\"phone\": \"12\"}", Map.of(), "phone"),
                new Case("POST", "/auth/code", "", "{\"phone\": 19045550177}", Map.of(), "phone"),
                new Case("POST", "/auth/session", "", "{\"phone\": \"" + OWNER + "\"}", Map.of(), "code"));
        for (Case c : cases) {
            APIGatewayV2HTTPResponse response = call(c.method(), c.path(), c.query(), c.body(), c.headers(), null);
            assertThat(response.getStatusCode()).as(c.toString() + " -> " + response.getBody()).isEqualTo(400);
            assertThat(json(response).path("field").asText()).as(c.toString()).isEqualTo(c.field());
        }
        assertThat(call("GET", "/api/activity", "cursor=%%%", null, bearer, null).getStatusCode()).isEqualTo(400);
        for (String malformed : List.of("{", "[]", "null", "\"text\"")) {
            APIGatewayV2HTTPResponse response = call("POST", "/api/calls", "", malformed, bearer, null);
            assertThat(response.getStatusCode()).as(malformed).isEqualTo(400);
        }
        assertThat(sent).isEmpty();
        assertThat(placed).isEmpty();
        assertThat(texted).isEmpty();
        assertThat(activity.done).isEmpty();
    }

    @Test
    void clickToCallRingsTheSignedInPersonFromTheLine() throws Exception {
        String cookie = signIn();
        APIGatewayV2HTTPResponse response = call("POST", "/api/calls", "", "{\"to\": \"(904) 555-0123\"}",
                Map.of("origin", BASE), List.of(cookie));
        assertThat(response.getStatusCode()).isEqualTo(202);
        assertThat(json(response).path("callSid").asText()).startsWith("CA");
        assertThat(placed).containsExactly(OWNER + "|" + LINE + "|" + BASE
                + "/twilio/voice/outbound?to=%2B19045550123&line=%2B19045550200");
        assertThat(activity.calls).containsExactly(CUSTOMER);
    }

    @Test
    void logoutAllEndsEverySession() throws Exception {
        String first = signIn();
        String second = signIn();
        assertThat(call("POST", "/auth/logout-all", "", null, Map.of("origin", BASE), List.of(first)).getStatusCode())
                .isEqualTo(204);
        assertThat(call("GET", "/api/me", "", null, Map.of(), List.of(second)).getStatusCode()).isEqualTo(401);
    }

    @Test
    void thePageIsServedWithItsPolicy() {
        APIGatewayV2HTTPResponse page = handler.handleRequest(TwilioEvents.load("inbox-customer-page.json"), null);
        assertThat(page.getStatusCode()).isEqualTo(200);
        assertThat(page.getHeaders().get("Content-Security-Policy")).startsWith("default-src 'self'; media-src 'self' https://bucket.s3.amazonaws.com");
        assertThat(page.getBody()).doesNotContain("<script>").doesNotContain("style=");
        assertThat(call("GET", "/inbox/assets/app.js", "", null, Map.of(), null).getHeaders().get("Content-Type"))
                .startsWith("text/javascript");
        assertThat(call("GET", "/inbox/assets/../../etc/passwd", "", null, Map.of(), null).getStatusCode()).isEqualTo(404);
    }

    /** Contacts: none known but through the fake activity; opt-outs from the set. */
    static class FakeContacts implements ContactRecords {
        final Set<String> optedOut;
        final Map<String, Map<String, AttributeValue>> recordings = new HashMap<>();

        FakeContacts(Set<String> optedOut) {
            this.optedOut = optedOut;
        }

        @Override
        public Optional<Map<String, AttributeValue>> profile(String phone) {
            return Optional.empty();
        }

        @Override
        public boolean optedOut(String phone) {
            return optedOut.contains(phone);
        }

        @Override
        public Optional<Map<String, AttributeValue>> latestLead(String phone) {
            return Optional.empty();
        }

        @Override
        public Optional<Map<String, AttributeValue>> recording(String recordingSid) {
            return Optional.ofNullable(recordings.get(recordingSid));
        }

        @Override
        public String presignedGet(String bucket, String key, String contentType, Duration lifetime) {
            return "https://bucket.s3.amazonaws.com/" + key;
        }

        @Override
        public String readText(String bucket, String key, int maxBytes) {
            return "";
        }
    }

    /** The activity index as a list, newest first. */
    static final class FakeActivity implements ActivityStore {
        final List<Map<String, AttributeValue>> events = new ArrayList<>();
        final List<String> done = new ArrayList<>();
        final List<String> calls = new ArrayList<>();

        @Override
        public Page feed(ActivityIndex.Feed filter, Optional<String> line, Optional<String> cursor, int limit) {
            if (cursor.isPresent() && !cursor.get().matches("[0-9]+")) {
                throw new IllegalArgumentException("bad cursor");
            }
            return new Page(events, Optional.empty());
        }

        @Override
        public Page timeline(String contact, Optional<String> cursor, int limit) {
            return new Page(events.stream().filter(e -> ActivityViews.contact(e).filter(contact::equals).isPresent()).toList(),
                    Optional.empty());
        }

        @Override
        public Set<String> needingReply(Collection<Map<String, AttributeValue>> events) {
            Set<String> waiting = new HashSet<>();
            events.stream().filter(e -> Item.flag(e, "actNeedsReply")).forEach(e -> waiting.add(e.get(Table.PK).s()));
            return waiting;
        }

        @Override
        public Map<String, String> names(Collection<String> phones) {
            return Map.of();
        }

        @Override
        public boolean markDone(String eventPk, Instant now) {
            done.add(eventPk);
            return events.stream().anyMatch(e -> Item.string(e, Table.PK).filter(eventPk::equals).isPresent());
        }

        @Override
        public void businessReplied(String contact, Instant at) {
        }

        @Override
        public void textSent(String messageSid, String contact, String line, String body, Optional<String> sentBy, Instant at) {
        }

        @Override
        public void callPlaced(String callSid, String contact, String line, Optional<String> staff, Instant at) {
            calls.add(contact);
        }
    }
}
