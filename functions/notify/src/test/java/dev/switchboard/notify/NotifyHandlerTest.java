package dev.switchboard.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.switchboard.shared.auth.BearerToken;
import dev.switchboard.shared.auth.OwnerAuth;
import dev.switchboard.shared.auth.Sessions;
import dev.switchboard.shared.config.ConfigException;
import dev.switchboard.shared.config.Lines;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.sms.OutgoingText;
import dev.switchboard.shared.sms.SendResult;
import dev.switchboard.shared.testing.MutableClock;
import dev.switchboard.shared.testing.TwilioEvents;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The notify API's gate, parsing and answers with the sample events and the table in memory: a refused
 * request (401, 405, 413, 400) writes and sends nothing.
 */
class NotifyHandlerTest {

    // 2026-11-22T20:00:00Z: the sample events' timeEpoch, so the signed one is fresh.
    final MutableClock clock = new MutableClock(Instant.ofEpochMilli(1795377600000L));
    final InMemoryNotifyStore store = new InMemoryNotifyStore();
    final List<OutgoingText> sent = new ArrayList<>();
    final Lines lines = Lines.load(Settings.of(Map.of("TWILIO_SMS_FROM", "+19045550200")));
    final CustomerTexter texter = new CustomerTexter(text -> {
        sent.add(text);
        return new SendResult(SendResult.Status.SENT, Optional.of("SM" + sent.size()), "");
    }, store, Optional.empty(), "http://localhost/twilio/sms/status", CustomerTexter.Listener.NONE);
    final NotifyHandler handler = new NotifyHandler(
            () -> new NotifyAuth(Optional.of("sample-notify-token-0123456789"), Optional.of("sample-notify-secret-0123456789")),
            new NotifyRequestReader("US", n -> false),
            new NotifyService(n -> lines.fallback(), NotifyOptions::defaults, store, texter, clock),
            new NotifyViews(store), clock);

    // The owner's credentials, as the inbox accepts them.
    static final String BASE = "https://phone.example.com";
    static final String RECORDINGS_TOKEN = "sample-recordings-token-0123456789";
    static final String STAFF = "+19045550177";
    static final String SESSION = "s".repeat(43);
    final Map<String, String> sessions = new HashMap<>(Map.of(SESSION, STAFF));
    final java.util.Set<String> staff = new java.util.HashSet<>(java.util.Set.of(STAFF));
    java.util.function.Supplier<BearerToken> recordingsToken = () -> new BearerToken(RECORDINGS_TOKEN);

    NotifyHandler withOwnerAuth() {
        OwnerAuth owner = new OwnerAuth(() -> recordingsToken.get(), (id, now) -> Optional.ofNullable(sessions.get(id))
                .map(s -> new Sessions.Session(s, "hash-" + id, now.plusSeconds(60))), staff::contains, BASE, clock);
        return new NotifyHandler(() -> new NotifyAuth(Optional.of("sample-notify-token-0123456789"), Optional.empty()),
                Optional.of(owner), new NotifyRequestReader("US", n -> false),
                new NotifyService(n -> lines.fallback(), NotifyOptions::defaults, store, texter, clock),
                new NotifyViews(store), clock);
    }

    /** The sample confirmation with its own idempotency key, sent with {@code headers} and {@code cookies}. */
    static APIGatewayV2HTTPEvent confirmation(String key, Map<String, String> headers, List<String> cookies) {
        APIGatewayV2HTTPEvent event = event("notify-appointment-confirmed.json", headers, null);
        event.setBody(event.getBody().replaceAll("\"idempotencyKey\"\\s*:\\s*\"[^\"]*\"", "\"idempotencyKey\":\"" + key + "\""));
        event.setCookies(cookies);
        return event;
    }

    static APIGatewayV2HTTPEvent event(String file, Map<String, String> headers, String body) {
        APIGatewayV2HTTPEvent event = TwilioEvents.load(file);
        Map<String, String> all = new HashMap<>(event.getHeaders());
        all.putAll(headers);
        all.values().removeIf(String::isEmpty);
        event.setHeaders(all);
        if (body != null) {
            event.setBody(body);
        }
        return event;
    }

    @Test
    void theSampleConfirmationIsSentAndItsStatusRead() {
        APIGatewayV2HTTPResponse response = handler.handle(TwilioEvents.load("notify-appointment-confirmed.json"));
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(202);
        assertThat(response.getBody()).contains("\"status\":\"sent\"");
        assertThat(sent).singleElement().satisfies(t -> assertThat(t.body()).contains("Fri, Dec 11 at 10:30 AM"));
        String id = response.getBody().replaceAll(".*\"id\":\"(N-[0-9a-f]+)\".*", "$1");

        APIGatewayV2HTTPEvent get = event("notify-status.json", Map.of(), null);
        get.setRawPath("/api/notify/" + id);
        get.setPathParameters(Map.of("id", id));
        APIGatewayV2HTTPResponse status = handler.handle(get);
        assertThat(status.getStatusCode()).isEqualTo(200);
        assertThat(status.getBody()).contains("\"status\":\"sent\"", "\"messageSid\":\"SM1\"", "\"reminders\"");
    }

    @Test
    void theSignedSampleIsAcceptedWhileFreshThenRefused() {
        assertThat(handler.handle(TwilioEvents.load("notify-job-done-signed.json")).getStatusCode()).isEqualTo(202);
        clock.advance(java.time.Duration.ofMinutes(6));
        assertThat(handler.handle(TwilioEvents.load("notify-job-done-signed.json")).getStatusCode()).isEqualTo(401);
    }

    @Test
    void refusedRequestsWriteNothing() {
        assertThat(handler.handle(event("notify-appointment-confirmed.json", Map.of("authorization", ""), null))
                .getStatusCode()).isEqualTo(401);
        assertThat(handler.handle(event("notify-appointment-confirmed.json",
                Map.of("authorization", "Bearer sample-notify-token-01234567890"), null)).getStatusCode()).isEqualTo(401);
        assertThat(handler.handle(event("notify-appointment-confirmed.json", Map.of(), "{\"to\":\"+19045550123\","
                + "\"template\":\"custom\",\"vars\":{\"body\":\"" + "x".repeat(17_000) + "\"},\"idempotencyKey\":\"k\"}"))
                .getStatusCode()).isEqualTo(413);
        APIGatewayV2HTTPResponse unknown = handler.handle(event("notify-appointment-confirmed.json", Map.of(),
                "{\"to\":\"+19045550123\",\"template\":\"custom\",\"vars\":{\"body\":\"x\"},\"idempotencyKey\":\"k\",\"at\":1}"));
        assertThat(unknown.getStatusCode()).isEqualTo(400);
        assertThat(unknown.getBody()).contains("\"errors\"", "\"at\"");
        assertThat(handler.handle(event("notify-appointment-confirmed.json", Map.of("content-type", "text/plain"), null))
                .getStatusCode()).isEqualTo(415);
        APIGatewayV2HTTPEvent get = event("notify-appointment-confirmed.json", Map.of(), null);
        get.getRequestContext().getHttp().setMethod("GET");
        assertThat(handler.handle(get).getStatusCode()).isEqualTo(405);
        assertThat(handler.handle(event("notify-status.json", Map.of(), null)).getStatusCode()).isEqualTo(404);
        assertThat(sent).isEmpty();
        assertThat(store.sends).isEmpty();
        assertThat(store.keys).isEmpty();
    }

    @Test
    void theOwnersBearerTokenAndAStaffSessionAreAcceptedToo() {
        NotifyHandler handler = withOwnerAuth();
        assertThat(handler.handle(confirmation("k-notify", Map.of(), List.of())).getStatusCode()).isEqualTo(202);
        assertThat(handler.handle(confirmation("k-bearer", Map.of("authorization", "Bearer " + RECORDINGS_TOKEN),
                List.of())).getStatusCode()).isEqualTo(202);
        APIGatewayV2HTTPResponse cookie = handler.handle(confirmation("k-cookie", Map.of("authorization", "",
                "origin", BASE), List.of(OwnerAuth.COOKIE + "=" + SESSION)));
        assertThat(cookie.getStatusCode()).as(cookie.getBody()).isEqualTo(202);
        String id = cookie.getBody().replaceAll(".*\"id\":\"(N-[0-9a-f]+)\".*", "$1");
        APIGatewayV2HTTPEvent get = event("notify-status.json", Map.of(), null);
        get.setRawPath("/api/notify/" + id);
        get.setPathParameters(Map.of("id", id));
        get.setCookies(List.of(OwnerAuth.COOKIE + "=" + SESSION));
        assertThat(handler.handle(get).getStatusCode()).isEqualTo(200);
        assertThat(sent).hasSize(3);
    }

    @Test
    void aCookiePostFromAnotherOriginIs403AndAnUnknownSessionOrTokenIs401WritingNothing() {
        NotifyHandler handler = withOwnerAuth();
        List<String> cookie = List.of(OwnerAuth.COOKIE + "=" + SESSION);
        APIGatewayV2HTTPResponse otherOrigin = handler.handle(confirmation("k1", Map.of("authorization", "",
                "origin", "https://evil.example.com"), cookie));
        assertThat(otherOrigin.getStatusCode()).isEqualTo(403);
        assertThat(otherOrigin.getBody()).contains("forbidden_origin");
        assertThat(handler.handle(confirmation("k2", Map.of("authorization", ""), cookie)).getStatusCode()).isEqualTo(403);
        assertThat(handler.handle(confirmation("k3", Map.of("authorization", "", "origin", BASE),
                List.of(OwnerAuth.COOKIE + "=" + "x".repeat(43)))).getStatusCode()).isEqualTo(401);
        staff.clear(); // the person left STAFF: the session opens nothing
        assertThat(handler.handle(confirmation("k4", Map.of("authorization", "", "origin", BASE), cookie))
                .getStatusCode()).isEqualTo(401);
        APIGatewayV2HTTPResponse wrong = handler.handle(confirmation("k5",
                Map.of("authorization", "Bearer not-the-recordings-token-000"), List.of()));
        assertThat(wrong.getStatusCode()).isEqualTo(401);
        assertThat(wrong.getHeaders()).containsKey("WWW-Authenticate");
        assertThat(sent).isEmpty();
        assertThat(store.sends).isEmpty();
    }

    @Test
    void withoutRecordingsTokenTheNotifyTokenStillWorksAndAnotherBearerIs401() {
        recordingsToken = () -> {
            throw new ConfigException("RECORDINGS_TOKEN is not set");
        };
        NotifyHandler handler = withOwnerAuth();
        assertThat(handler.handle(confirmation("k-other", Map.of("authorization", "Bearer " + RECORDINGS_TOKEN),
                List.of())).getStatusCode()).isEqualTo(401);
        assertThat(handler.handle(confirmation("k-notify", Map.of(), List.of())).getStatusCode()).isEqualTo(202);
    }

    @Test
    void aMalformedSettingStopsTheColdStartNamingIt() {
        Map<String, String> env = Map.of("TABLE_NAME", "t", "PUBLIC_BASE_URL", "https://x.example.com",
                "SMS_QUEUE_URL", "http://q", "CRM_QUEUE_URL", "http://q", "TWILIO_ACCOUNT_SID", "AC" + "0".repeat(32),
                "TWILIO_AUTH_TOKEN", "t", "TWILIO_SMS_FROM", "+19045550200", "AWS_REGION", "us-east-1",
                "TEXT_TEMPLATES", "{\"job_done\":\"Done {totl}\"}");
        assertThatThrownBy(() -> new NotifyHandler(env)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("TEXT_TEMPLATES.job_done").hasMessageContaining("{totl}");
        Map<String, String> shortToken = new HashMap<>(env);
        shortToken.remove("TEXT_TEMPLATES");
        shortToken.put("NOTIFY_TOKEN", "short");
        assertThatThrownBy(() -> new NotifyHandler(shortToken)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("NOTIFY_TOKEN");
    }
}
