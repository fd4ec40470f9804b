package dev.switchboard.local.scenarios.alerts;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.switchboard.local.scenarios.alerts.AlertStack.OWNER;
import static dev.switchboard.local.scenarios.alerts.AlertStack.awaitAtLeast;
import static dev.switchboard.local.scenarios.alerts.AlertStack.newPhone;
import static dev.switchboard.local.scenarios.alerts.AlertStack.newSid;
import static dev.switchboard.local.scenarios.alerts.AlertStack.s;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.switchboard.crm.testing.Jobs;
import dev.switchboard.shared.queue.JobQueue;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The caller's name from the CRM worker: once a lead is in the CRM (here the signed webhook), its CRM id and
 * name are on the contact profile, and the next alert about that customer names them.
 */
class CrmNameAlertsIT {

    static WireMockServer receiver;
    static AlertStack env;

    @BeforeAll
    static void start() {
        receiver = new WireMockServer(wireMockConfig().dynamicPort());
        receiver.start();
        receiver.stubFor(post(urlEqualTo("/hooks/switchboard")).willReturn(aResponse().withStatus(200)));
        env = AlertStack.start(Map.of("CRM_KIND", "webhook", "CRM_WEBHOOK_URL", receiver.baseUrl() + "/hooks/switchboard",
                        "CRM_WEBHOOK_SECRET", "whsec_8c1d4f0e2b7a9c3d5e6f"),
                List.of("CrmSyncFunction", "SmsIncomingFunction", "OwnerAlertsFunction", "SmsSenderFunction"));
    }

    @AfterAll
    static void stop() {
        try {
            if (env != null) {
                env.close();
            }
        } finally {
            if (receiver != null) {
                receiver.stop();
            }
        }
    }

    @Test
    void aNameTheCrmWorkerLearnedNamesTheCustomerInTheNextAlert() {
        String customer = newPhone();
        // An answered call's transcript (no alert for it: staff were on the call) names the caller.
        String callSid = newSid("CA");
        new JobQueue(env.stack.emulators().sqs(), env.stack.resources().queueUrl("CrmQueue"))
                .send(Jobs.transcript(callSid, newSid("RE"), customer, "2026-11-23T17:00:00Z"));
        AlertStack.await("the CRM id on the profile", 60, () -> env.item("CONTACT#" + customer, "PROFILE")
                .filter(p -> s(p, "crmId") != null));
        assertThat(env.item("CONTACT#" + customer, "PROFILE")).hasValueSatisfying(p -> {
            assertThat(s(p, "name")).isEqualTo("Sam Rivera");
            assertThat(s(p, "nameSource")).isEqualTo("transcript");
        });

        String body = "Are you free tomorrow? " + customer;
        env.text(newSid("SM"), customer, body);
        String human = "+1 904-555-" + customer.substring(8);
        assertThat(awaitAtLeast("the alert", 1, () -> env.textsTo(OWNER, body))).singleElement()
                .satisfies(alert -> assertThat(String.valueOf(alert.get("body"))).matches("#[2-9A-Z]{2,3} Text from Sam"
                        + " Rivera " + Pattern.quote(human) + ": " + Pattern.quote(body)));
        assertThat(Optional.ofNullable(receiver.getAllServeEvents()).orElse(List.of())).isNotEmpty();
    }
}
