package dev.switchboard.shared.sms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.testing.FakeTwilioApi;
import dev.switchboard.shared.twilio.TwilioRestClients;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Messages API through twilio-java against a WireMock fake of Twilio. */
class TwilioTextGatewayTest {

    static final FakeTwilioApi TWILIO = new FakeTwilioApi();
    final TwilioTextGateway gateway = new TwilioTextGateway(TwilioRestClients.create(Settings.of(Map.of(
            "TWILIO_ACCOUNT_SID", FakeTwilioApi.ACCOUNT_SID,
            "TWILIO_AUTH_TOKEN", "token",
            "TWILIO_API_BASE_URL", TWILIO.baseUrl(),
            "TWILIO_HTTP_TIMEOUT_MS", "2000"))));
    final OutgoingText text = new OutgoingText("k1", "test", "+19045550123", Optional.of("+19045550200"),
            Optional.empty(), "Hello from the shop", "https://phone.example.com/twilio/sms/status");

    @BeforeEach
    void reset() {
        TWILIO.reset();
    }

    @AfterAll
    static void stop() {
        TWILIO.close();
    }

    @Test
    void sendsThroughTheConfiguredBaseUrl() {
        SendAttempt attempt = gateway.send(text);
        assertThat(attempt.outcome()).isEqualTo(SendAttempt.Outcome.SENT);
        assertThat(attempt.sid()).startsWith("SM").hasSize(34);
        assertThat(TWILIO.sentMessages()).singleElement().satisfies(form -> {
            assertThat(form.first("To")).contains("+19045550123");
            assertThat(form.first("From")).contains("+19045550200");
            assertThat(form.first("Body")).contains("Hello from the shop");
            assertThat(form.first("StatusCallback")).contains("https://phone.example.com/twilio/sms/status");
        });
    }

    @Test
    void aServerErrorIsAmbiguousAndNeverRetriedByTheClient() {
        TWILIO.failNextMessages(1, 500, FakeTwilioApi.error(500, 20500, "Internal Server Error"));
        SendAttempt attempt = gateway.send(text);
        assertThat(attempt.outcome()).isEqualTo(SendAttempt.Outcome.AMBIGUOUS);
        // twilio-java would have retried a 5xx POST three times; exactly one request went out.
        assertThat(TWILIO.sentMessages()).hasSize(1);
    }

    @Test
    void classifiesTwiliosErrors() {
        TWILIO.failNextMessages(1, 429, FakeTwilioApi.error(429, 20429, "Too Many Requests"));
        assertThat(gateway.send(text).outcome()).isEqualTo(SendAttempt.Outcome.RETRYABLE);
        TWILIO.failNextMessages(1, 503, FakeTwilioApi.error(503, 20503, "Service Unavailable"));
        assertThat(gateway.send(text).outcome()).isEqualTo(SendAttempt.Outcome.AMBIGUOUS);
        // Neither the 429 nor the 503 was retried underneath us.
        assertThat(TWILIO.sentMessages()).hasSize(2);
        TWILIO.failNextMessages(1, 400, FakeTwilioApi.error(400, 21610, "Attempt to send to unsubscribed recipient"));
        assertThat(gateway.send(text).outcome()).isEqualTo(SendAttempt.Outcome.OPTED_OUT);
        TWILIO.failNextMessages(1, 400, FakeTwilioApi.error(400, 21211, "Invalid 'To' Phone Number"));
        assertThat(gateway.send(text).outcome()).isEqualTo(SendAttempt.Outcome.INVALID_NUMBER);
    }

    @Test
    void findsAnEarlierMessageAmongTheRecipientsRecentOnes() {
        TWILIO.server().stubFor(get(urlPathMatching("/2010-04-01/Accounts/.*/Messages\\.json")).atPriority(1)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(
                        "{\"messages\": [{\"sid\": \"SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\", \"to\": \"+19045550123\","
                                + " \"from\": \"+19045550200\", \"body\": \"Hello from the shop\", \"status\": \"sent\","
                                + " \"date_created\": \"Sun, 22 Nov 2026 20:00:00 +0000\"}],"
                                + " \"page\": 0, \"page_size\": 50, \"next_page_uri\": null}")));
        assertThat(gateway.findRecent(text, Instant.parse("2026-11-22T19:55:00Z")))
                .contains("SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
        assertThat(gateway.findRecent(text, Instant.parse("2026-11-22T20:05:00Z"))).isEmpty();
        OutgoingText other = new OutgoingText("k2", "test", "+19045550123", Optional.of("+19045550200"),
                Optional.empty(), "Something else", null);
        assertThat(gateway.findRecent(other, Instant.parse("2026-11-22T19:55:00Z"))).isEmpty();
    }

    @Test
    void aTokenRotatedInSsmIsSentWithoutANewClient() {
        Map<String, String> ssm = new java.util.concurrent.ConcurrentHashMap<>(Map.of("/sb/token", "old-token"));
        dev.switchboard.shared.config.ParameterStore store = new dev.switchboard.shared.config.ParameterStore() {
            @Override
            public Optional<String> parameter(String name) {
                return Optional.ofNullable(ssm.get(name));
            }

            @Override
            public Optional<String> secret(String secretId) {
                return Optional.empty();
            }
        };
        TwilioTextGateway live = new TwilioTextGateway(TwilioRestClients.create(new Settings(
                dev.switchboard.shared.config.Env.of(Map.of("TWILIO_ACCOUNT_SID", FakeTwilioApi.ACCOUNT_SID,
                        "TWILIO_AUTH_TOKEN_PARAMETER", "/sb/token", "TWILIO_API_BASE_URL", TWILIO.baseUrl())), store)));
        live.send(text);
        ssm.put("/sb/token", "new-token");
        live.send(new OutgoingText("k2", "test", "+19045550123", Optional.of("+19045550200"), Optional.empty(),
                "Second", "https://phone.example.com/twilio/sms/status"));
        assertThat(TWILIO.server().getAllServeEvents()).extracting(e -> e.getRequest().getHeader("Authorization"))
                .containsExactlyInAnyOrder(basic("old-token"), basic("new-token"));
    }

    static String basic(String token) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((FakeTwilioApi.ACCOUNT_SID + ":" + token)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
