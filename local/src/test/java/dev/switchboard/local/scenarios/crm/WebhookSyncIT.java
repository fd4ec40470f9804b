package dev.switchboard.local.scenarios.crm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.switchboard.local.scenarios.crm.CrmStack.await;
import static dev.switchboard.local.scenarios.crm.CrmStack.done;
import static dev.switchboard.local.scenarios.crm.CrmStack.idle;
import static dev.switchboard.local.scenarios.crm.CrmStack.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.switchboard.crm.testing.Jobs;
import dev.switchboard.crm.webhook.WebhookSigner;
import dev.switchboard.local.LocalStack;
import dev.switchboard.local.scenarios.FunctionLogs;
import dev.switchboard.shared.jobs.CrmSyncJob;
import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.testing.CapturedLogs;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CRM_KIND=webhook on the local stack: signed lead events a receiver can verify the documented way. */
class WebhookSyncIT {

    static final String SECRET = "whsec_8c1d4f0e2b7a9c3d5e6f";
    static FunctionLogs logs;
    static WireMockServer receiver;
    static CrmStack env;
    static LocalStack stack;

    @BeforeAll
    static void start() {
        receiver = new WireMockServer(wireMockConfig().dynamicPort());
        receiver.start();
        receiver.stubFor(post(urlEqualTo("/hooks/switchboard")).willReturn(aResponse().withStatus(200)));
        env = CrmStack.start(List.of("CrmSyncFunction"), Map.of(
                "CRM_KIND", "webhook",
                "CRM_WEBHOOK_URL", receiver.baseUrl() + "/hooks/switchboard",
                "CRM_WEBHOOK_SECRET", SECRET));
        stack = env.stack;
        logs = env.logs;
    }

    @AfterAll
    static void stop() {
        if (env != null) {
            env.close();
        }
        if (receiver != null) {
            receiver.stop();
        }
    }

    @Test
    void eachLeadEventIsSignedVerifiablyAndKeyedForIdempotency() throws Exception {
        String phone = "+19045550151";
        CrmSyncJob call = Jobs.call("CA151", phone, "2026-11-23T17:00:00Z", "voicemail");
        send(stack, call);
        await("call synced", () -> done(stack, "call:CA151"));
        send(stack, call);   // a redelivery
        send(stack, Jobs.transcript("CA151", "RE151", phone, "2026-11-23T17:00:00Z"));
        await("transcript synced", () -> done(stack, "transcript:CA151:RE151"));
        await("CrmQueue idle", () -> idle(stack, "CrmQueue"));

        List<LoggedRequest> events = receiver.getAllServeEvents().stream().map(e -> e.getRequest())
                .sorted(Comparator.comparing(LoggedRequest::getLoggedDate)).toList();
        assertThat(events).hasSize(2);
        WebhookSigner documentedCheck = new WebhookSigner(SECRET);
        for (LoggedRequest event : events) {
            assertThat(event.getHeader("X-Switchboard-Signature")).matches("sha256=[0-9a-f]{64}");
            assertThat(documentedCheck.verifies(event.getBody(), event.getHeader("X-Switchboard-Signature"))).isTrue();
            assertThat(new WebhookSigner(SECRET + "x").verifies(event.getBody(), event.getHeader("X-Switchboard-Signature")))
                    .isFalse();
        }
        JsonNode created = Json.MAPPER.readTree(events.get(0).getBody());
        JsonNode updated = Json.MAPPER.readTree(events.get(1).getBody());
        String leadId = created.path("lead").path("id").asText();
        assertThat(events.get(0).getHeader("Idempotency-Key")).isEqualTo("lead.created:" + leadId);
        assertThat(created.path("lead").path("call_outcome").asText()).isEqualTo("voicemail");
        assertThat(events.get(1).getHeader("Idempotency-Key")).isEqualTo("lead.updated:" + leadId + ":v2");
        assertThat(updated.path("lead").path("name").asText()).isEqualTo("Sam Rivera");
        assertThat(updated.path("lead").path("recording").asText()).isEqualTo("https://phone.example.com/recordings/RE151");
        assertThat(updated.path("trigger").path("kind").asText()).isEqualTo("transcript");
        assertThat(logs.all()).doesNotContain(SECRET).doesNotContain(phone);
    }
}
