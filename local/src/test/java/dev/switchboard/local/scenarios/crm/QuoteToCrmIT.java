package dev.switchboard.local.scenarios.crm;

import static dev.switchboard.local.scenarios.crm.CrmStack.await;
import static dev.switchboard.local.scenarios.crm.CrmStack.done;
import static dev.switchboard.local.scenarios.crm.CrmStack.idle;
import static dev.switchboard.local.scenarios.crm.CrmStack.lead;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.crm.lead.LeadLink;
import dev.switchboard.crm.testing.FakeRukovoditel;
import dev.switchboard.local.LocalStack;
import dev.switchboard.local.scenarios.FunctionLogs;
import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.testing.CapturedLogs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * End to end: the website posts a quote to {@code /quote}, the quote function stores the lead and puts a CRM
 * job on CrmQueue, the CRM worker (polled as Lambda would) inserts exactly one lead in (fake) Rukovoditel.
 */
class QuoteToCrmIT {

    static final String KEY = "0d9f8e7c6b5a4d3c2b1a0f9e8d7c6b5a4d3c2b1a";
    static final String PASSWORD = "quote-e2e password";
    static FunctionLogs logs;
    static FakeRukovoditel crm;
    static CrmStack env;
    static LocalStack stack;

    @BeforeAll
    static void start() {
        crm = new FakeRukovoditel(KEY, "switchboard-api", PASSWORD);
        env = CrmStack.start(List.of("QuoteFunction", "CrmSyncFunction"), Map.of(
                "ALLOWED_ORIGINS", "https://www.example.com",
                "CRM_KIND", "rukovoditel",
                "CRM_API_URL", crm.apiUrl(),
                "CRM_USERNAME", "switchboard-api",
                "CRM_API_KEY", KEY,
                "CRM_PASSWORD", PASSWORD,
                "CRM_LEAD_ENTITY_ID", Integer.toString(FakeRukovoditel.ENTITY_ID),
                "CRM_FIELD_MAP", "{\"name\":201,\"phone\":202,\"vehicle\":204,\"service\":205,\"estimate\":206,"
                        + "\"source\":207,\"notes\":208}"));
        stack = env.stack;
        logs = env.logs;
    }

    @AfterAll
    static void stop() {
        if (env != null) {
            env.close();
        }
        if (crm != null) {
            crm.close();
        }
    }

    @Test
    void aQuotePostedByTheWebsiteBecomesOneLeadInRukovoditel() throws Exception {
        String phone = "+19045550161";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(stack.baseUrl() + "/quote"))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"John Doe\",\"phone\":\"" + phone + "\","
                        + "\"service\":\"oil change\",\"year\":\"2018\",\"make\":\"Toyota\",\"model\":\"Camry\","
                        + "\"engine\":\"4-cylinder\",\"text_opt_in\":false}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = Json.MAPPER.readTree(response.body());
        String leadId = answer.path("lead_id").asText();

        await("quote:" + leadId + " synced", () -> done(stack, "quote:" + leadId));
        await("CrmQueue idle", () -> idle(stack, "CrmQueue"));

        LeadLink lead = lead(stack, phone).orElseThrow();
        assertThat(crm.requests("insert")).singleElement().satisfies(insert -> assertThat(insert)
                .containsEntry("items[0][field_201]", "John Doe")
                .containsEntry("items[0][field_202]", phone)
                .containsEntry("items[0][field_204]", "2018 Toyota Camry 4-cylinder")
                .containsEntry("items[0][field_205]", "oil change")
                .containsEntry("items[0][field_206]", "$" + answer.path("estimate").path("amount").asText())
                .containsEntry("items[0][field_207]", "web"));
        assertThat(crm.records()).hasSize(1).containsKey(Long.parseLong(lead.crmItemId()));
        assertThat(crm.records().get(Long.parseLong(lead.crmItemId())).get("208")).contains("Web quote " + leadId);
        assertThat(logs.all()).doesNotContain(KEY).doesNotContain(PASSWORD).doesNotContain(phone);
    }
}
