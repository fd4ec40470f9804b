package dev.switchboard.crm.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.switchboard.crm.Redactor;
import dev.switchboard.crm.lead.LeadLink;
import dev.switchboard.crm.lead.LeadMerge;
import dev.switchboard.crm.lead.LeadPush;
import dev.switchboard.crm.lead.LeadText;
import dev.switchboard.crm.testing.Jobs;
import dev.switchboard.shared.jobs.CrmSyncJob;
import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.queue.PermanentJobFailure;
import dev.switchboard.shared.queue.RetryLater;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookClientTest {

    static final String SECRET = "whsec_5f1c0ffee";

    final WireMockServer receiver = new WireMockServer(wireMockConfig().dynamicPort());
    final LeadText text = new LeadText(ZoneId.of("America/New_York"));
    final LeadMerge merge = new LeadMerge(Duration.ofDays(30), text);
    final WebhookClient client;

    WebhookClientTest() {
        receiver.start();
        client = new WebhookClient(HttpClient.newHttpClient(), URI.create(receiver.baseUrl() + "/hooks/leads?via=test"),
                Duration.ofSeconds(3), new WebhookSigner(SECRET), "/switchboard/dev/crm-webhook-secret"
                + " (CRM_WEBHOOK_SECRET_PARAMETER)", new Redactor(List.of(SECRET)),
                Clock.fixed(Instant.parse("2026-11-02T14:00:05Z"), ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        receiver.stop();
    }

    LeadLink quoted() {
        return merge.apply(null, Jobs.quote("L1", Jobs.CALLER, "2026-11-02T14:00:00Z"),
                Instant.parse("2026-11-02T14:00:00Z"), () -> "SB-0A1B2C");
    }

    @Test
    void aNewLeadIsPostedSignedWithAStableIdempotencyKey() throws Exception {
        receiver.stubFor(post(urlEqualTo("/hooks/leads?via=test")).willReturn(aResponse().withStatus(202)));
        CrmSyncJob quote = Jobs.quote("L1", Jobs.CALLER, "2026-11-02T14:00:00Z");
        String id = client.insert(LeadPush.of(quoted(), text, 0, quote));
        assertThat(id).isEqualTo("SB-0A1B2C");

        LoggedRequest request = receiver.getAllServeEvents().get(0).getRequest();
        assertThat(request.getHeader("Content-Type")).startsWith("application/json");
        assertThat(request.getHeader("Idempotency-Key")).isEqualTo("lead.created:SB-0A1B2C");
        assertThat(request.getHeader("X-Switchboard-Event")).isEqualTo("lead.created");
        assertThat(new WebhookSigner(SECRET).verifies(request.getBody(), request.getHeader("X-Switchboard-Signature"))).isTrue();

        JsonNode body = Json.MAPPER.readTree(request.getBody());
        assertThat(body.path("event").asText()).isEqualTo("lead.created");
        assertThat(body.path("event_id").asText()).isEqualTo("lead.created:SB-0A1B2C");
        assertThat(body.path("sent_at").asText()).isEqualTo("2026-11-02T14:00:05Z");
        JsonNode lead = body.path("lead");
        assertThat(lead.path("id").asText()).isEqualTo("SB-0A1B2C");
        assertThat(lead.path("phone").asText()).isEqualTo(Jobs.CALLER);
        assertThat(lead.path("name").asText()).isEqualTo("Jane Doe");
        assertThat(lead.path("estimate").asText()).isEqualTo("$89.00");
        assertThat(lead.path("called_at").asText()).isEqualTo("2026-11-02 09:00");
        assertThat(lead.path("started_at").asText()).isEqualTo("2026-11-02T14:00:00Z");
        assertThat(lead.has("transcript")).as("unknown attributes are left out").isFalse();
        assertThat(lead.path("activities").get(0).path("kind").asText()).isEqualTo("quote");
        assertThat(body.path("trigger").path("idempotencyKey").asText()).isEqualTo("quote:L1");

        // The same creation sent again (its answer was lost) carries the same key.
        client.insert(LeadPush.of(quoted(), text, 0, quote));
        assertThat(receiver.getAllServeEvents()).extracting(e -> e.getRequest().getHeader("Idempotency-Key"))
                .containsOnly("lead.created:SB-0A1B2C");
    }

    @Test
    void anUpdateIsKeyedByTheLeadsVersion() {
        receiver.stubFor(post(urlEqualTo("/hooks/leads?via=test")).willReturn(aResponse().withStatus(200)));
        LeadLink called = merge.apply(quoted().synced("SB-0A1B2C"), Jobs.call("CA1", Jobs.CALLER,
                "2026-11-03T14:00:00Z", "missed"), Instant.parse("2026-11-03T14:00:00Z"), () -> "SB-X");
        client.update("SB-0A1B2C", LeadPush.of(called, text, called.syncedVersion(), null));
        LoggedRequest request = receiver.getAllServeEvents().get(0).getRequest();
        assertThat(request.getHeader("Idempotency-Key")).isEqualTo("lead.updated:SB-0A1B2C:v2");
        assertThat(request.getBodyAsString()).contains("\"event\":\"lead.updated\"").contains("\"call_outcome\":\"missed\"");
    }

    @Test
    void receiverTroubleIsRetriedAndARefusalNeedsAPerson() {
        receiver.stubFor(post(urlEqualTo("/hooks/leads?via=test")).willReturn(aResponse().withStatus(502)));
        assertThatThrownBy(() -> client.insert(LeadPush.of(quoted(), text, 0, null))).isInstanceOf(RetryLater.class)
                .hasMessageContaining("HTTP 502");
        receiver.stubFor(post(urlEqualTo("/hooks/leads?via=test")).willReturn(aResponse().withStatus(401)
                .withBody("bad signature for secret " + SECRET)));
        assertThatThrownBy(() -> client.insert(LeadPush.of(quoted(), text, 0, null))).isInstanceOf(PermanentJobFailure.class)
                .hasMessageContaining("HTTP 401").hasMessageContaining("/switchboard/dev/crm-webhook-secret")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
        receiver.stubFor(post(urlEqualTo("/hooks/leads?via=test")).willReturn(aResponse().withStatus(410)));
        assertThatThrownBy(() -> client.insert(LeadPush.of(quoted(), text, 0, null))).isInstanceOf(PermanentJobFailure.class)
                .hasMessageContaining("CRM_WEBHOOK_URL");
        assertThat(client.findInserted(LeadPush.of(quoted(), text, 0, null), null)).isEmpty();
    }

    @Test
    void formulasInTheLeadAndItsTriggerAreNeutralisedPhonesKeepTheirPlus() throws Exception {
        receiver.stubFor(post(urlEqualTo("/hooks/leads?via=test")).willReturn(aResponse().withStatus(202)));
        CrmSyncJob hostile = Jobs.hostileQuote();
        LeadLink lead = merge.apply(null, hostile, Instant.parse("2026-11-02T14:00:00Z"), () -> "SB-0A1B2C");
        client.insert(LeadPush.of(lead, text, 0, hostile));
        JsonNode body = Json.MAPPER.readTree(receiver.getAllServeEvents().get(0).getRequest().getBody());
        assertThat(body.path("lead").path("name").asText()).isEqualTo("'=HYPERLINK(\"http://evil.example\",\"Jane\")");
        assertThat(body.path("lead").path("email").asText()).startsWith("'@");
        assertThat(body.path("lead").path("phone").asText()).isEqualTo(Jobs.CALLER);
        assertThat(body.path("lead").path("line").asText()).isEqualTo(Jobs.LINE);
        assertThat(body.path("trigger").path("name").asText()).startsWith("'=HYPERLINK");
        assertThat(body.path("trigger").path("service").asText()).isEqualTo("'+cmd|' /C calc'!A0");
        assertThat(body.path("trigger").path("vehicle").path("make").asText()).isEqualTo("'-2+3");
        assertThat(body.path("trigger").path("notes").asText()).isEqualTo("'\tnotes \uD83D\uDE97");
        assertThat(body.path("trigger").path("phone").asText()).isEqualTo(Jobs.CALLER);
        assertThat(body.path("trigger").path("line").asText()).isEqualTo(Jobs.LINE);
    }
}
