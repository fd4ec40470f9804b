package dev.switchboard.quote;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.shared.jobs.AlertJob;
import dev.switchboard.shared.jobs.CrmSyncJob;
import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.pricing.PriceTable;
import dev.switchboard.shared.testing.TwilioEvents;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A staff number on the quote form (someone testing it) is answered and texted like a customer, but is no
 * customer: no lead record, no CRM job, no alert, nothing in the activity feed.
 */
class StaffQuoteTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T20:00:00Z"), ZoneOffset.UTC);
    static final String STAFF = "+19045550177";
    static final String CUSTOMER = "+15551234567";

    final List<Lead> stored = new ArrayList<>();
    final List<Lead> filed = new ArrayList<>();
    final List<CrmSyncJob> crmJobs = new ArrayList<>();
    final List<AlertJob> alerts = new ArrayList<>();
    final List<Lead> texted = new ArrayList<>();
    final List<String> limited = new ArrayList<>();

    final LeadStore leads = new LeadStore() {
        @Override
        public String save(Lead lead) {
            stored.add(lead);
            return lead.id();
        }

        @Override
        public void recordActivity(Lead lead, Optional<String> line) {
            filed.add(lead);
        }
    };

    final QuoteService service = new QuoteService(leads, (ip, phone) -> {
        limited.add(phone);
        return Optional.empty();
    }, crmJobs::add, lead -> {
        texted.add(lead);
        return SmsOutcome.sent("SM" + "a".repeat(32));
    }, Optional.of("+19045550200"), CLOCK, alerts::add, Set.of(STAFF)::contains);

    final QuoteHandler handler = new QuoteHandler(new QuoteIntake(PriceTable::defaults, CLOCK, "US"),
            CorsPolicy.parse("https://www.example.com", Optional.empty()), service);

    APIGatewayV2HTTPResponse post(String phone, boolean optIn) {
        APIGatewayV2HTTPEvent event = TwilioEvents.load("quote-reference-example.json");
        event.setBody("{\"name\":\"Mike Tester\",\"phone\":\"" + phone + "\",\"service\":\"oil change\",\"year\":\"2018\","
                + "\"make\":\"Toyota\",\"model\":\"Camry\",\"text_opt_in\":" + optIn + "}");
        event.setHeaders(new HashMap<>(event.getHeaders()));
        return handler.handleRequest(event, null);
    }

    @Test
    void aStaffNumberIsAnsweredAndTextedButBecomesNoLeadNoCrmJobNoAlertAndNoFeedItem() throws Exception {
        APIGatewayV2HTTPResponse response = post(STAFF, true);

        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode body = Json.MAPPER.readTree(response.getBody());
        assertThat(body.path("success").asBoolean()).isTrue();
        assertThat(body.path("lead_id").asText()).isNotBlank();
        assertThat(body.path("estimate").path("amount").asText()).isEqualTo("50.00");
        assertThat(body.path("sms").path("sent").asBoolean()).isTrue();
        assertThat(texted).singleElement().satisfies(lead -> {
            assertThat(lead.quote().phone()).isEqualTo(STAFF);
            assertThat(lead.id()).isEqualTo(body.path("lead_id").asText());
        });
        assertThat(stored).isEmpty();
        assertThat(filed).isEmpty();
        assertThat(crmJobs).isEmpty();
        assertThat(alerts).isEmpty();
        // Still rate limited like anybody (the form is open to the internet).
        assertThat(limited).containsExactly(STAFF);
    }

    @Test
    void aStaffNumberWithoutOptInIsNotTexted() throws Exception {
        APIGatewayV2HTTPResponse response = post(STAFF, false);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(response.getBody()).path("sms").path("sent").asBoolean()).isFalse();
        assertThat(texted).isEmpty();
        assertThat(stored).isEmpty();
        assertThat(crmJobs).isEmpty();
        assertThat(alerts).isEmpty();
    }

    @Test
    void aCustomerIsStillALeadWithItsCrmJobAlertAndFeedItem() {
        assertThat(post(CUSTOMER, true).getStatusCode()).isEqualTo(200);

        assertThat(stored).singleElement().satisfies(lead -> assertThat(lead.quote().phone()).isEqualTo(CUSTOMER));
        assertThat(filed).hasSize(1);
        assertThat(crmJobs).singleElement().isInstanceOf(CrmSyncJob.Quote.class);
        assertThat(alerts).singleElement().isInstanceOfSatisfying(AlertJob.Quote.class,
                alert -> assertThat(alert.customer()).isEqualTo(CUSTOMER));
        assertThat(texted).hasSize(1);
    }

    @Test
    void aStaffNumberIsRateLimitedLikeAnybody() {
        QuoteService limitedService = new QuoteService(leads, (ip, phone) -> Optional.of(java.time.Duration.ofMinutes(5)),
                crmJobs::add, lead -> SmsOutcome.NOT_SENT, Optional.empty(), CLOCK, alerts::add, Set.of(STAFF)::contains);
        QuoteIntake intake = new QuoteIntake(PriceTable::defaults, CLOCK, "US");
        QuoteForm form = QuoteForm.of(Map.of("name", "Mike", "phone", STAFF, "service", "oil change"));
        QuoteIntake.Evaluation evaluation = intake.evaluate(form);
        assertThat(limitedService.submit(evaluation.quote().orElseThrow(), evaluation.estimate().orElseThrow(),
                Optional.empty())).isInstanceOf(QuoteService.RateLimited.class);
        assertThat(stored).isEmpty();
    }
}
