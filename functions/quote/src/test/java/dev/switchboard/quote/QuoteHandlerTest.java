package dev.switchboard.quote;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.shared.jobs.CrmSyncJob;
import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.pricing.PriceTable;
import dev.switchboard.shared.testing.TwilioEvents;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The quote handler with the committed sample events and in-memory stand-ins for the table, the rate
 * limiter, the CRM queue and the texter. The real ones run against DynamoDB Local, ElasticMQ and a fake
 * Twilio in the local-stack scenario tests (local/.../scenarios/quotes).
 */
class QuoteHandlerTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T20:00:00Z"), ZoneOffset.UTC);
    static final PriceTable PRICES = PriceTable.defaults();

    final List<Lead> stored = new ArrayList<>();
    final List<CrmSyncJob.Quote> crmJobs = new ArrayList<>();
    final List<Lead> texted = new ArrayList<>();
    final List<String> limited = new ArrayList<>();
    Optional<Duration> refuseFor = Optional.empty();
    RuntimeException storageOutage;
    RuntimeException queueOutage;
    SmsOutcome textOutcome = SmsOutcome.sent("SM0123456789abcdef0123456789abcdef");

    final QuoteHandler handler = new QuoteHandler(
            new QuoteIntake(() -> PRICES, CLOCK, "US"),
            CorsPolicy.parse("https://www.example.com", Optional.of("http://localhost:3000")),
            lead -> {
                if (storageOutage != null) {
                    throw storageOutage;
                }
                stored.add(lead);
                return lead.id();
            },
            (ip, phone) -> {
                limited.add(ip.orElse("-") + " " + phone);
                return refuseFor;
            },
            job -> {
                if (queueOutage != null) {
                    throw queueOutage;
                }
                crmJobs.add((CrmSyncJob.Quote) job);
            },
            lead -> {
                texted.add(lead);
                return textOutcome;
            },
            Optional.of("+19045550200"), CLOCK);

    static JsonNode json(APIGatewayV2HTTPResponse response) throws Exception {
        return Json.MAPPER.readTree(response.getBody());
    }

    static APIGatewayV2HTTPEvent jsonPost(String body, String origin) {
        APIGatewayV2HTTPEvent event = TwilioEvents.load("quote-reference-example.json");
        event.setBody(body);
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        if (origin != null) {
            headers.put("origin", origin);
        }
        event.setHeaders(headers);
        return event;
    }

    @Test
    void theReferenceExampleAnswersExactlyAsTheIssueStates() throws Exception {
        APIGatewayV2HTTPResponse response = handler.handleRequest(TwilioEvents.load("quote-reference-example.json"), null);
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
        JsonNode body = json(response);
        String leadId = stored.get(0).id();
        assertThat(body.toString()).isEqualTo("{\"success\":true,\"lead_id\":\"" + leadId + "\",\"estimate\":{\"amount\":"
                + "\"50.00\",\"service\":\"oil change\"},\"sms\":{\"sent\":true,\"sid\":\"SM0123456789abcdef0123456789abcdef\"}}");

        Lead lead = stored.get(0);
        assertThat(lead.quote().phone()).isEqualTo("+15551234567");
        assertThat(lead.createdAt()).isEqualTo(CLOCK.instant());
        assertThat(texted).containsExactly(lead);
        assertThat(limited).containsExactly("203.0.113.10 +15551234567");
        assertThat(crmJobs).singleElement().satisfies(job -> {
            assertThat(job.kind()).isEqualTo("quote");
            assertThat(job.idempotencyKey()).isEqualTo("quote:" + leadId);
            assertThat(job.leadId()).isEqualTo(leadId);
            assertThat(job.phone()).isEqualTo("+15551234567");
            assertThat(job.name()).isEqualTo("John Doe");
            assertThat(job.source()).isEqualTo("web");
            assertThat(job.line()).isEqualTo("+19045550200");
            assertThat(job.service()).isEqualTo("oil change");
            assertThat(job.vehicle()).isEqualTo(new CrmSyncJob.Vehicle("2018", "Toyota", "Camry", "4-cylinder"));
            assertThat(job.estimate()).isEqualTo(new CrmSyncJob.Estimate("50.00", "USD", "oil change"));
            assertThat(job.occurredAt()).isEqualTo("2026-11-22T20:00:00Z");
            job.validate();
        });
    }

    @Test
    void withoutOptInNothingIsTexted() throws Exception {
        APIGatewayV2HTTPResponse response = handler.handleRequest(jsonPost(
                "{\"name\":\"John Doe\",\"phone\":\"+15551234567\",\"service\":\"oil change\"}", null), null);
        assertThat(json(response).get("sms").toString()).isEqualTo("{\"sent\":false}");
        assertThat(texted).isEmpty();
        assertThat(stored).hasSize(1);
    }

    @Test
    void aQueuedTextIsReportedAsQueued() throws Exception {
        textOutcome = SmsOutcome.QUEUED;
        APIGatewayV2HTTPResponse response = handler.handleRequest(TwilioEvents.load("quote-reference-example.json"), null);
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(json(response).get("sms").toString()).isEqualTo("{\"sent\":false,\"queued\":true}");
    }

    @Test
    void theFormEncodedSampleIsAcceptedWithItsCorsHeaders() throws Exception {
        APIGatewayV2HTTPResponse response = handler.handleRequest(TwilioEvents.load("quote-form-encoded.json"), null);
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("Access-Control-Allow-Origin", "http://localhost:3000");
        JsonNode body = json(response);
        assertThat(body.get("estimate").get("amount").asText()).isEqualTo("150.00");
        assertThat(body.get("estimate").get("service").asText()).isEqualTo("brake pads");
        Lead lead = stored.get(0);
        assertThat(lead.quote().phone()).isEqualTo("+19045550123");
        assertThat(lead.quote().textOptIn()).isTrue();
        assertThat(lead.quote().email()).contains("jane.roe@example.com");
    }

    @Test
    void invalidFieldsAre400WithTheErrorsPerFieldAndNothingHappens() throws Exception {
        APIGatewayV2HTTPResponse response = handler.handleRequest(TwilioEvents.load("quote-invalid.json"), null);
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getHeaders()).containsEntry("Access-Control-Allow-Origin", "http://localhost:3000");
        JsonNode body = json(response);
        assertThat(body.get("success").asBoolean()).isFalse();
        List<String> fields = new ArrayList<>();
        body.get("errors").fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("name", "phone", "email", "year");
        assertThat(stored).isEmpty();
        assertThat(crmJobs).isEmpty();
        assertThat(texted).isEmpty();
        assertThat(limited).isEmpty();
    }

    @Test
    void aFilledHoneypotLooksLikeSuccessButNothingIsStoredCountedOrSent() throws Exception {
        APIGatewayV2HTTPResponse response = handler.handleRequest(TwilioEvents.load("quote-honeypot.json"), null);
        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("success").asBoolean()).isTrue();
        assertThat(body.get("lead_id").asText()).matches("Q-[0-9a-f]{20}");
        assertThat(body.get("estimate").get("amount").asText()).isEqualTo("50.00");
        assertThat(stored).isEmpty();
        assertThat(crmJobs).isEmpty();
        assertThat(texted).isEmpty();
        assertThat(limited).isEmpty();
    }

    @Test
    void malformedJsonIs400AndNothingHappens() throws Exception {
        APIGatewayV2HTTPResponse response = handler.handleRequest(jsonPost("{\"name\": \"John", null), null);
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(json(response).get("error").asText()).isEqualTo("The request body is not valid JSON");
        assertThat(stored).isEmpty();
    }

    @Test
    void anOversizeBodyIs413AndAnotherContentType415() throws Exception {
        APIGatewayV2HTTPResponse big = handler.handleRequest(jsonPost(
                "{\"name\":\"" + "x".repeat(16 * 1024) + "\"}", null), null);
        assertThat(big.getStatusCode()).isEqualTo(413);
        assertThat(json(big).get("success").asBoolean()).isFalse();

        APIGatewayV2HTTPEvent xml = jsonPost("<quote/>", "https://www.example.com");
        xml.getHeaders().put("content-type", "application/xml");
        APIGatewayV2HTTPResponse unsupported = handler.handleRequest(xml, null);
        assertThat(unsupported.getStatusCode()).isEqualTo(415);
        assertThat(unsupported.getHeaders()).containsEntry("Access-Control-Allow-Origin", "https://www.example.com");
        assertThat(stored).isEmpty();
    }

    @Test
    void thePreflightOfAnAllowedOriginIsAnsweredWithCorsHeaders() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(TwilioEvents.load("quote-preflight.json"), null);
        assertThat(response.getStatusCode()).isEqualTo(204);
        assertThat(response.getHeaders())
                .containsEntry("Access-Control-Allow-Origin", "http://localhost:3000")
                .containsEntry("Access-Control-Allow-Methods", "POST, OPTIONS")
                .containsEntry("Access-Control-Allow-Headers", "Content-Type");
    }

    @Test
    void anotherOriginGetsNoCorsHeadersAndItsPostIsRefused() throws Exception {
        APIGatewayV2HTTPEvent preflight = TwilioEvents.load("quote-preflight.json");
        preflight.getHeaders().put("origin", "https://evil.example");
        APIGatewayV2HTTPResponse answer = handler.handleRequest(preflight, null);
        assertThat(answer.getStatusCode()).isEqualTo(204);
        assertThat(answer.getHeaders().keySet()).noneMatch(h -> h.startsWith("Access-Control-"));

        APIGatewayV2HTTPResponse post = handler.handleRequest(jsonPost(
                "{\"name\":\"John Doe\",\"phone\":\"+15551234567\",\"service\":\"oil change\"}", "https://evil.example"), null);
        assertThat(post.getStatusCode()).isEqualTo(403);
        assertThat(post.getHeaders().keySet()).noneMatch(h -> h.startsWith("Access-Control-"));
        assertThat(stored).isEmpty();
        assertThat(limited).isEmpty();
    }

    @Test
    void aRateLimitedRequestIs429WithRetryAfterAndNothingStored() throws Exception {
        refuseFor = Optional.of(Duration.ofSeconds(1234));
        APIGatewayV2HTTPResponse response = handler.handleRequest(jsonPost(
                "{\"name\":\"John Doe\",\"phone\":\"+15551234567\",\"service\":\"oil change\"}", "https://www.example.com"), null);
        assertThat(response.getStatusCode()).isEqualTo(429);
        assertThat(response.getHeaders()).containsEntry("Retry-After", "1234")
                .containsEntry("Access-Control-Allow-Origin", "https://www.example.com")
                .containsEntry("Access-Control-Expose-Headers", "Retry-After");
        assertThat(json(response).get("retry_after").asLong()).isEqualTo(1234);
        assertThat(stored).isEmpty();
        assertThat(crmJobs).isEmpty();
    }

    @Test
    void anUnknownServiceGetsNoAmountAndAMessage() throws Exception {
        APIGatewayV2HTTPResponse response = handler.handleRequest(jsonPost(
                "{\"name\":\"John Doe\",\"phone\":\"+15551234567\",\"service\":\"paint my car purple\"}", null), null);
        JsonNode estimate = json(response).get("estimate");
        assertThat(estimate.get("amount").isNull()).isTrue();
        assertThat(estimate.get("service").asText()).isEqualTo("paint my car purple");
        assertThat(estimate.get("message").asText()).contains("We'll call you");
        assertThat(crmJobs.get(0).estimate().amount()).isNull();
    }

    @Test
    void aStorageOutageStillTakesTheLeadThroughTheCrmQueue() throws Exception {
        storageOutage = new IllegalStateException("table unreachable");
        APIGatewayV2HTTPResponse response = handler.handleRequest(TwilioEvents.load("quote-reference-example.json"), null);
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(crmJobs).hasSize(1);
        assertThat(json(response).get("lead_id").asText()).isEqualTo(crmJobs.get(0).leadId());
    }

    @Test
    void whenNeitherTableNorQueueTakesTheLeadTheCustomerIsAskedToRetry() throws Exception {
        storageOutage = new IllegalStateException("table unreachable");
        queueOutage = new IllegalStateException("queue unreachable");
        APIGatewayV2HTTPResponse response = handler.handleRequest(TwilioEvents.load("quote-reference-example.json"), null);
        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(response.getHeaders()).containsEntry("Retry-After", "60");
        assertThat(texted).isEmpty();
    }

    @Test
    void theSameFormPostedAgainAnswersWithTheEarlierLead() throws Exception {
        Map<String, String> byFingerprint = new LinkedHashMap<>();
        QuoteHandler deduping = new QuoteHandler(new QuoteIntake(() -> PRICES, CLOCK, "US"),
                CorsPolicy.parse("", Optional.empty()),
                lead -> byFingerprint.computeIfAbsent(lead.fingerprint(), f -> lead.id()),
                (ip, phone) -> Optional.empty(), job -> crmJobs.add((CrmSyncJob.Quote) job), lead -> {
                    texted.add(lead);
                    return textOutcome;
                }, Optional.empty(), CLOCK);
        String first = json(deduping.handleRequest(TwilioEvents.load("quote-reference-example.json"), null)).get("lead_id").asText();
        String second = json(deduping.handleRequest(TwilioEvents.load("quote-reference-example.json"), null)).get("lead_id").asText();
        assertThat(second).isEqualTo(first);
        assertThat(texted).extracting(Lead::id).containsExactly(first, first);
    }

    @Test
    void getServesTheQuotePageAndOtherMethodsAre405() {
        APIGatewayV2HTTPResponse page = handler.handleRequest(TwilioEvents.load("quote-page.json"), null);
        assertThat(page.getStatusCode()).isEqualTo(200);
        assertThat(page.getHeaders().get("Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertThat(page.getHeaders().get("Content-Security-Policy")).contains("script-src 'sha256-");
        assertThat(page.getBody()).contains("<form id=\"switchboard-quote\"").contains("name=\"website\"");

        APIGatewayV2HTTPEvent delete = TwilioEvents.load("quote-page.json");
        delete.getRequestContext().getHttp().setMethod("DELETE");
        APIGatewayV2HTTPResponse refused = handler.handleRequest(delete, null);
        assertThat(refused.getStatusCode()).isEqualTo(405);
        assertThat(refused.getHeaders()).containsEntry("Allow", "GET, POST, OPTIONS");
    }

    @Test
    void aBodyThatClaimsBase64ButIsNotIs400() {
        APIGatewayV2HTTPEvent event = TwilioEvents.load("quote-form-encoded.json");
        event.setBody("%%%not base64%%%");
        assertThat(handler.handleRequest(event, null).getStatusCode()).isEqualTo(400);
        // and a well-formed base64 body is decoded first
        event.setBody(Base64.getEncoder().encodeToString("name=A&phone=5551234567&service=jump".getBytes(StandardCharsets.UTF_8)));
        assertThat(handler.handleRequest(event, null).getStatusCode()).isEqualTo(200);
    }
}
