package dev.switchboard.local.scenarios.inbox;

import static dev.switchboard.local.scenarios.inbox.InboxStack.LIMITED;
import static dev.switchboard.local.scenarios.inbox.InboxStack.OWNER;
import static dev.switchboard.local.scenarios.inbox.InboxStack.STAFF;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sign-in to the owner's inbox through the local stack: the code comes from the Twilio sandbox, as it does
 * for a developer; sessions are revoked at once by logout and logout-all; a stranger learns nothing; every
 * API route wants credentials; a cookie POST from elsewhere is refused.
 */
class InboxSignInIT {

    static InboxStack inbox;

    @BeforeAll
    static void start() {
        inbox = InboxStack.start(List.of("InboxFunction"), Map.of("SIGNIN_CODES_PER_PHONE_PER_HOUR", "5"));
    }

    @AfterAll
    static void stop() {
        if (inbox != null) {
            inbox.close();
        }
    }

    @Test
    void aStaffMemberSignsInWithTheCodeFromTheSandbox() {
        String code = inbox.code(OWNER);
        assertThat(inbox.textsTo(OWNER).get(inbox.textsTo(OWNER).size() - 1))
                .startsWith(InboxStack.BUSINESS + ": your inbox sign-in code is " + code);
        InboxStack.Answer session = inbox.json("POST", "/auth/session", "{\"phone\": \"(904) 555-0177\", \"code\": \""
                + code + "\"}", Map.of("Origin", inbox.publicBaseUrl()));
        assertThat(session.status()).isEqualTo(204);
        assertThat(session.header("set-cookie").orElseThrow()).matches(
                "__Host-sb_session=[A-Za-z0-9_-]{43}; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=2592000");
        String cookie = session.header("set-cookie").orElseThrow().split(";")[0];
        InboxStack.Answer me = inbox.withCookie("GET", "/api/me", null, cookie, Map.of());
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("staff").asText()).isEqualTo(OWNER);
        // Single use.
        assertThat(inbox.json("POST", "/auth/session", "{\"phone\": \"" + OWNER + "\", \"code\": \"" + code + "\"}",
                Map.of()).status()).isEqualTo(401);
    }

    @Test
    void aWrongCodeIs401() {
        String code = inbox.code(STAFF);
        String wrong = code.equals("000000") ? "000001" : "000000";
        InboxStack.Answer answer = inbox.json("POST", "/auth/session", "{\"phone\": \"" + STAFF + "\", \"code\": \""
                + wrong + "\"}", Map.of());
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.json().path("error").asText()).isEqualTo("invalid_code");
        assertThat(answer.header("set-cookie")).isEmpty();
    }

    @Test
    void theCodeIsBurnedAfterFiveWrongTries() {
        String code = inbox.code(STAFF);
        String wrong = code.equals("000000") ? "000001" : "000000";
        for (int i = 0; i < 5; i++) {
            assertThat(inbox.json("POST", "/auth/session", "{\"phone\": \"" + STAFF + "\", \"code\": \"" + wrong + "\"}",
                    Map.of()).status()).isEqualTo(401);
        }
        assertThat(inbox.json("POST", "/auth/session", "{\"phone\": \"" + STAFF + "\", \"code\": \"" + code + "\"}",
                Map.of()).status()).isEqualTo(401);
    }

    @Test
    void logoutEndsThisSessionAndLogoutAllEndsEveryOne() {
        String first = inbox.signIn(STAFF);
        String second = inbox.signIn(STAFF);
        assertThat(inbox.withCookie("POST", "/auth/logout", null, first, Map.of()).status()).isEqualTo(204);
        assertThat(inbox.withCookie("GET", "/api/me", null, first, Map.of()).status()).isEqualTo(401);
        assertThat(inbox.withCookie("GET", "/api/me", null, second, Map.of()).status()).isEqualTo(200);
        String third = inbox.signIn(STAFF);
        String owners = inbox.signIn(OWNER);
        InboxStack.Answer all = inbox.withCookie("POST", "/auth/logout-all", null, third, Map.of());
        assertThat(all.status()).isEqualTo(204);
        assertThat(all.header("set-cookie").orElseThrow()).startsWith("__Host-sb_session=;").contains("Max-Age=0");
        assertThat(inbox.withCookie("GET", "/api/me", null, second, Map.of()).status()).isEqualTo(401);
        assertThat(inbox.withCookie("GET", "/api/me", null, third, Map.of()).status()).isEqualTo(401);
        assertThat(inbox.withCookie("GET", "/api/me", null, owners, Map.of()).status()).isEqualTo(200);
    }

    @Test
    void aNumberThatIsNotStaffGets202AndNoText() {
        String stranger = InboxStack.newCustomer();
        InboxStack.Answer answer = inbox.json("POST", "/auth/code", "{\"phone\": \"" + stranger + "\"}", Map.of());
        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.json().path("sent").asBoolean()).isTrue();
        assertThat(inbox.textsTo(stranger)).isEmpty();
    }

    @Test
    void tooManyCodesAre429WithRetryAfter() {
        for (int i = 0; i < 5; i++) {
            assertThat(inbox.json("POST", "/auth/code", "{\"phone\": \"" + LIMITED + "\"}", Map.of()).status()).isEqualTo(202);
        }
        InboxStack.Answer limited = inbox.json("POST", "/auth/code", "{\"phone\": \"" + LIMITED + "\"}", Map.of());
        assertThat(limited.status()).isEqualTo(429);
        assertThat(Integer.parseInt(limited.header("retry-after").orElseThrow())).isBetween(1, 3600);
        assertThat(inbox.textsTo(LIMITED)).hasSize(5);
    }

    @Test
    void everyApiRouteWithoutCredentialsIs401() {
        String customer = "%2B15550001234";
        for (String[] route : new String[][] {{"GET", "/api/activity"}, {"GET", "/api/activity?filter=needs-reply"},
                {"GET", "/api/contacts/" + customer}, {"POST", "/api/contacts/" + customer + "/texts"},
                {"POST", "/api/calls"}, {"POST", "/api/activity/CALL-CA123/done"}, {"GET", "/api/stats?days=30"},
                {"GET", "/api/me"}}) {
            InboxStack.Answer answer = inbox.json(route[0], route[1], route[0].equals("POST") ? "{}" : null, Map.of());
            assertThat(answer.status()).as(route[0] + " " + route[1]).isEqualTo(401);
            assertThat(answer.json().path("error").asText()).isEqualTo("unauthorized");
            assertThat(inbox.json(route[0], route[1], null, Map.of("Cookie", "__Host-sb_session=tampered"
                    + "A".repeat(34))).status()).as(route[0] + " " + route[1] + " tampered cookie").isEqualTo(401);
        }
        // The old recordings API keeps its own route and token.
        assertThat(inbox.json("GET", "/api/activity", null, Map.of("Authorization", "Bearer wrong-token-wrong-token"))
                .status()).isEqualTo(401);
    }

    @Test
    void aCookiePostWithoutTheInboxOriginIs403() {
        String cookie = inbox.signIn(OWNER);
        String customer = InboxStack.newCustomer();
        String path = "/api/contacts/" + customer.replace("+", "%2B") + "/texts";
        InboxStack.Answer noOrigin = inbox.json("POST", path, "{\"body\": \"On my way\"}",
                Map.of("Cookie", cookie, "Idempotency-Key", "k-1"));
        assertThat(noOrigin.status()).isEqualTo(403);
        InboxStack.Answer otherOrigin = inbox.json("POST", path, "{\"body\": \"On my way\"}",
                Map.of("Cookie", cookie, "Idempotency-Key", "k-1", "Origin", "https://evil.example"));
        assertThat(otherOrigin.status()).isEqualTo(403);
        assertThat(inbox.textsTo(customer)).isEmpty();
    }
}
