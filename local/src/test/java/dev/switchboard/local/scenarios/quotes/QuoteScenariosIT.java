package dev.switchboard.local.scenarios.quotes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.switchboard.local.scenarios.quotes.ScenarioStack.newPhone;
import static dev.switchboard.local.scenarios.quotes.ScenarioStack.quoteJson;
import static dev.switchboard.local.scenarios.quotes.ScenarioStack.s;
import static dev.switchboard.local.scenarios.quotes.ScenarioStack.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.shared.config.ConfigException;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.jobs.CrmSyncJob;
import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.pricing.PriceTable;
import dev.switchboard.shared.pricing.PriceTableSource;
import dev.switchboard.shared.testing.FakeTwilioApi;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * {@code POST /quote} through the local stack: the template's QuoteFunction and SmsSenderFunction over real
 * HTTP, DynamoDB Local, ElasticMQ and s3proxy, with Twilio's Messages API faked by WireMock.
 */
class QuoteScenariosIT {

    static ScenarioStack env;

    @BeforeAll
    static void start() {
        env = ScenarioStack.start(Map.of(
                        // Every request here comes from 127.0.0.1; QuoteRateLimitIT covers the address limit.
                        "QUOTE_RATE_LIMIT_PER_IP_PER_HOUR", "100000",
                        "SMS_DAILY_CAP_PER_RECIPIENT", "3"),
                List.of("QuoteFunction", "SmsSenderFunction"));
    }

    @AfterAll
    static void stop() {
        if (env != null) {
            env.close();
        }
    }

    @BeforeEach
    void clean() {
        env.twilio.reset();
        env.drain("CrmQueue");
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return Json.MAPPER.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    @Test
    void theReferenceExample() {
        HttpResponse<String> response = env.postJsonQuote("{\"name\": \"John Doe\", \"phone\": \"+15551234567\","
                + " \"service\": \"oil change\", \"year\": \"2018\", \"make\": \"Toyota\", \"model\": \"Camry\","
                + " \"engine\": \"4-cylinder\", \"text_opt_in\": true}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(response.body()).matches("\\{\"success\":true,\"lead_id\":\"Q-[0-9a-f]{20}\",\"estimate\":"
                + "\\{\"amount\":\"50\\.00\",\"service\":\"oil change\"},\"sms\":\\{\"sent\":true,\"sid\":\"SM[0-9a-f]{32}\"}}");
        String leadId = json(response).get("lead_id").asText();
        String sid = json(response).get("sms").get("sid").asText();

        // The lead, found through the customer's number.
        List<Map<String, AttributeValue>> leads = env.leadsOf("+15551234567");
        assertThat(leads).singleElement().satisfies(lead -> {
            assertThat(s(lead, "pk")).isEqualTo("LEAD#" + leadId);
            assertThat(s(lead, "sk")).isEqualTo("LEAD");
            assertThat(s(lead, "source")).isEqualTo("web");
            assertThat(s(lead, "status")).isEqualTo("new");
            assertThat(s(lead, "gsi1sk")).isEqualTo(s(lead, "createdAt"));
            assertThat(lead.get("contact").m().get("name").s()).isEqualTo("John Doe");
            assertThat(lead.get("vehicle").m().get("year").n()).isEqualTo("2018");
            assertThat(lead.get("vehicle").m().get("model").s()).isEqualTo("Camry");
            assertThat(lead.get("estimate").m().get("amount").s()).isEqualTo("50.00");
        });

        // One CRM job.
        assertThat(env.drainCrmJobs()).singleElement().isInstanceOfSatisfying(CrmSyncJob.Quote.class, job -> {
            assertThat(job.kind()).isEqualTo("quote");
            assertThat(job.idempotencyKey()).isEqualTo("quote:" + leadId);
            assertThat(job.leadId()).isEqualTo(leadId);
            assertThat(job.phone()).isEqualTo("+15551234567");
            assertThat(job.source()).isEqualTo("web");
            assertThat(job.estimate()).isEqualTo(new CrmSyncJob.Estimate("50.00", "USD", "oil change"));
            assertThat(job.vehicle()).isEqualTo(new CrmSyncJob.Vehicle("2018", "Toyota", "Camry", "4-cylinder"));
        });

        // One text, with the estimate, the business name, the opt-out line and the status callback.
        assertThat(env.messagesTo("+15551234567")).singleElement().satisfies(text -> {
            assertThat(text.first("From")).contains(ScenarioStack.SMS_FROM);
            assertThat(text.first("Body")).hasValueSatisfying(body -> assertThat(body)
                    .contains("Mechanic St. Augustine").contains("$50.00").endsWith("Reply STOP to opt out."));
            assertThat(text.first("StatusCallback")).contains(env.baseUrl() + "/twilio/sms/status");
        });
        assertThat(env.item("TEXT#quote:" + leadId, "TEXT")).hasValueSatisfying(claim -> {
            assertThat(s(claim, "state")).isEqualTo("sent");
            assertThat(s(claim, "sid")).isEqualTo(sid);
        });
        assertThat(env.item("MSG#" + sid, "MSG")).hasValueSatisfying(message -> {
            assertThat(s(message, "status")).isEqualTo("queued");
            assertThat(s(message, "textKey")).isEqualTo("quote:" + leadId);
            assertThat(s(message, "direction")).isEqualTo("outbound");
        });
    }

    @Test
    void withoutOptInTheLeadIsTakenButNothingIsTexted() {
        String phone = newPhone();
        HttpResponse<String> response = env.postJsonQuote(quoteJson(phone, false));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("sms").toString()).isEqualTo("{\"sent\":false}");
        assertThat(env.leadsOf(phone)).hasSize(1);
        assertThat(env.drainCrmJobs()).hasSize(1);
        assertThat(env.messagePosts()).isZero();
    }

    @Test
    void eachValidationErrorIsA400NamingTheFieldAndNothingIsWritten() {
        String phone = newPhone();
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("{\"phone\":\"" + phone + "\",\"service\":\"oil change\"}", "name");
        cases.put("{\"name\":\"A\",\"service\":\"oil change\"}", "phone");
        cases.put("{\"name\":\"A\",\"phone\":\"12345\",\"service\":\"oil change\"}", "phone");
        cases.put("{\"name\":\"A\",\"phone\":\"" + phone + "\"}", "service");
        cases.put("{\"name\":\"A\",\"phone\":\"" + phone + "\",\"service\":\"oil change\",\"year\":\"1899\"}", "year");
        int nextYearPlusOne = Year.now(ZoneOffset.UTC).getValue() + 2;
        cases.put("{\"name\":\"A\",\"phone\":\"" + phone + "\",\"service\":\"oil change\",\"year\":" + nextYearPlusOne + "}", "year");
        cases.put("{\"name\":\"A\",\"phone\":\"" + phone + "\",\"service\":\"oil change\",\"email\":\"a@b\"}", "email");
        cases.put("{\"name\":\"" + "A".repeat(101) + "\",\"phone\":\"" + phone + "\",\"service\":\"oil change\"}", "name");
        cases.put("{\"name\":\"A\",\"phone\":\"" + phone + "\",\"service\":\"oil change\",\"notes\":\"" + "n".repeat(2001) + "\"}", "notes");
        cases.put("{\"name\":\"A\",\"phone\":\"" + phone + "\",\"service\":\"oil change\",\"make\":[\"Toyota\"]}", "make");
        cases.put("{\"name\":\"A\",\"phone\":\"" + phone + "\",\"service\":\"oil change\",\"text_opt_in\":\"maybe\"}", "text_opt_in");
        cases.forEach((body, field) -> {
            HttpResponse<String> response = env.postJsonQuote(body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            JsonNode answer = json(response);
            assertThat(answer.get("success").asBoolean()).isFalse();
            assertThat(answer.get("errors").has(field)).as(body + " -> " + response.body()).isTrue();
            assertThat(answer.get("errors").size()).as(body).isEqualTo(1);
        });
        assertThat(env.leadsOf(phone)).isEmpty();
        assertThat(env.itemsStartingWith("RATE#phone#" + phone)).isEmpty();
        assertThat(env.drainCrmJobs()).isEmpty();
        assertThat(env.messagePosts()).isZero();
    }

    @Test
    void aFormEncodedBodyFromAnHtmlFormIsAccepted() {
        String phone = newPhone();
        String local = phone.substring(2);
        String form = "name=Jane+Roe&phone=%28" + local.substring(0, 3) + "%29+" + local.substring(3, 6) + "-"
                + local.substring(6) + "&service=Oil-Change&year=2018&engine=4+cyl&text_opt_in=on&website=";
        HttpResponse<String> response = env.postQuote("application/x-www-form-urlencoded", form, Map.of());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = json(response);
        assertThat(answer.get("estimate").get("amount").asText()).isEqualTo("50.00");
        assertThat(answer.get("sms").get("sent").asBoolean()).isTrue();
        assertThat(env.leadsOf(phone)).singleElement()
                .satisfies(lead -> assertThat(lead.get("contact").m().get("name").s()).isEqualTo("Jane Roe"));
        assertThat(env.messagesTo(phone)).hasSize(1);
    }

    @Test
    void oversizeWrongTypeAndMalformedBodiesAreRefusedAndNothingIsWritten() {
        String phone = newPhone();
        HttpResponse<String> big = env.postJsonQuote("{\"name\":\"A\",\"phone\":\"" + phone
                + "\",\"service\":\"oil change\",\"notes\":\"" + "x".repeat(17 * 1024) + "\"}");
        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(json(big).get("success").asBoolean()).isFalse();

        HttpResponse<String> xml = env.postQuote("text/xml", "<quote><phone>" + phone + "</phone></quote>", Map.of());
        assertThat(xml.statusCode()).isEqualTo(415);
        HttpResponse<String> none = env.postQuote(null, quoteJson(phone, true), Map.of());
        assertThat(none.statusCode()).isEqualTo(415);

        HttpResponse<String> malformed = env.postJsonQuote("{\"name\":\"A\",\"phone\":\"" + phone + "\",");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json(malformed).get("error").asText()).isEqualTo("The request body is not valid JSON");

        assertThat(env.leadsOf(phone)).isEmpty();
        assertThat(env.drainCrmJobs()).isEmpty();
        assertThat(env.messagePosts()).isZero();
    }

    @Test
    void anAllowedOriginGetsCorsHeadersOnThePreflightAndTheAnswer() {
        HttpResponse<String> preflight = env.send(HttpRequest.newBuilder(URI.create(env.baseUrl() + "/quote"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://www.example.com")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type"));
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains("https://www.example.com");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).contains("POST, OPTIONS");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).contains("Content-Type");

        String phone = newPhone();
        HttpResponse<String> post = env.postQuote("application/json", quoteJson(phone, false),
                Map.of("Origin", "https://www.example.com"));
        assertThat(post.statusCode()).isEqualTo(200);
        assertThat(post.headers().firstValue("Access-Control-Allow-Origin")).contains("https://www.example.com");
        HttpResponse<String> invalid = env.postQuote("application/json", "{}", Map.of("Origin", "https://www.example.com"));
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.headers().firstValue("Access-Control-Allow-Origin")).contains("https://www.example.com");
    }

    @Test
    void anotherOriginGetsNoCorsHeadersAndItsPostIsRefused() {
        HttpResponse<String> preflight = env.send(HttpRequest.newBuilder(URI.create(env.baseUrl() + "/quote"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST"));
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().map().keySet()).noneMatch(h -> h.toLowerCase().startsWith("access-control-"));

        String phone = newPhone();
        HttpResponse<String> post = env.postQuote("application/x-www-form-urlencoded",
                "name=A&phone=" + phone.replace("+", "%2B") + "&service=oil+change&text_opt_in=on",
                Map.of("Origin", "https://evil.example"));
        assertThat(post.statusCode()).isEqualTo(403);
        assertThat(post.headers().map().keySet()).noneMatch(h -> h.toLowerCase().startsWith("access-control-"));
        assertThat(env.leadsOf(phone)).isEmpty();
        assertThat(env.messagePosts()).isZero();
    }

    @Test
    void thePhoneRateLimitAnswers429WithRetryAfter() {
        String phone = newPhone();
        for (int i = 0; i < 5; i++) {
            assertThat(env.postJsonQuote(quoteJson(phone, false).replace("John Doe", "John " + i)).statusCode())
                    .as("quote " + (i + 1)).isEqualTo(200);
        }
        HttpResponse<String> refused = env.postJsonQuote(quoteJson(phone, false).replace("John Doe", "John 6"));
        assertThat(refused.statusCode()).isEqualTo(429);
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 3600L);
        assertThat(json(refused).get("retry_after").asLong()).isEqualTo(retryAfter);
        assertThat(env.leadsOf(phone)).hasSize(5);
        assertThat(env.itemsStartingWith("RATE#phone#" + phone)).singleElement().satisfies(counter -> {
            assertThat(s(counter, "count")).isEqualTo("5");
            assertThat(Long.parseLong(s(counter, "expiresAt"))).isGreaterThan(System.currentTimeMillis() / 1000);
        });
    }

    @Test
    void aFilledHoneypotLooksLikeSuccessButNothingIsStoredOrSent() {
        String phone = newPhone();
        HttpResponse<String> response = env.postJsonQuote(quoteJson(phone, true)
                .replace("}", ",\"website\":\"http://seo.example\"}"));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = json(response);
        assertThat(answer.get("success").asBoolean()).isTrue();
        assertThat(answer.get("lead_id").asText()).startsWith("Q-");
        assertThat(env.leadsOf(phone)).isEmpty();
        assertThat(env.itemsStartingWith("LEAD#" + answer.get("lead_id").asText())).isEmpty();
        assertThat(env.itemsStartingWith("RATE#phone#" + phone)).isEmpty();
        assertThat(env.drainCrmJobs()).isEmpty();
        assertThat(env.messagePosts()).isZero();
    }

    @Test
    void twilio500ThenSuccessSendsExactlyOneText() {
        env.twilio.failNextMessages(1, 500, FakeTwilioApi.error(500, 20500, "Internal Server Error"));
        String phone = newPhone();
        HttpResponse<String> response = env.postJsonQuote(quoteJson(phone, true));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("sms").toString()).isEqualTo("{\"sent\":false,\"queued\":true}");
        String leadId = json(response).get("lead_id").asText();

        waitUntil(() -> env.item("TEXT#quote:" + leadId, "TEXT").map(i -> "sent".equals(s(i, "state"))).orElse(false),
                Duration.ofSeconds(30), "the SMS worker sends the queued text");
        waitUntil(() -> env.waitingAndInFlight("SmsQueue") == 0, Duration.ofSeconds(10), "the SMS queue is empty");

        // The first POST (the 500) and the worker's one: before resending it looked among the recent messages.
        assertThat(env.messagesTo(phone)).hasSize(2);
        assertThat(env.lookupsFor(phone)).hasSize(1);
        String sid = s(env.item("TEXT#quote:" + leadId, "TEXT").orElseThrow(), "sid");
        assertThat(sid).matches("SM[0-9a-f]{32}");
        assertThat(env.item("MSG#" + sid, "MSG")).isPresent();
        assertThat(env.drain("SmsDeadLetterQueue")).isEmpty();
    }

    @Test
    void aTextThatWentOutDespiteThe500IsNotSentAgain() {
        String phone = newPhone();
        env.twilio.failNextMessages(1, 500, FakeTwilioApi.error(500, 20500, "Internal Server Error"));
        // Twilio did send it: the recipient's recent messages list it.
        String body = "Mechanic St. Augustine: thanks for your quote request! Estimate for Oil change: $50.00."
                + " We'll contact you to schedule. Reply STOP to opt out.";
        String foundSid = "SM" + "f".repeat(32);
        String now = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(java.time.ZonedDateTime.now(ZoneOffset.UTC));
        env.twilio.server().stubFor(get(urlPathMatching(ScenarioStack.MESSAGES)).withQueryParam("To", equalTo(phone))
                .atPriority(1).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"messages\": [{\"sid\": \"" + foundSid + "\", \"to\": \"" + phone + "\", \"from\": \""
                                + ScenarioStack.SMS_FROM + "\", \"body\": \"" + body + "\", \"status\": \"sent\","
                                + " \"date_created\": \"" + now + "\"}], \"page\": 0, \"page_size\": 50,"
                                + " \"next_page_uri\": null}")));

        HttpResponse<String> response = env.postJsonQuote(quoteJson(phone, true));
        String leadId = json(response).get("lead_id").asText();
        waitUntil(() -> env.item("TEXT#quote:" + leadId, "TEXT").map(i -> "sent".equals(s(i, "state"))).orElse(false),
                Duration.ofSeconds(30), "the SMS worker settles the queued text");

        assertThat(env.messagesTo(phone)).hasSize(1);
        assertThat(s(env.item("TEXT#quote:" + leadId, "TEXT").orElseThrow(), "sid")).isEqualTo(foundSid);
    }

    @Test
    void twilio429IsQueuedAndSentByTheWorker() {
        env.twilio.failNextMessages(1, 429, FakeTwilioApi.error(429, 20429, "Too Many Requests"));
        String phone = newPhone();
        HttpResponse<String> response = env.postJsonQuote(quoteJson(phone, true));
        assertThat(json(response).get("sms").get("queued").asBoolean()).isTrue();
        String leadId = json(response).get("lead_id").asText();
        waitUntil(() -> env.item("TEXT#quote:" + leadId, "TEXT").map(i -> "sent".equals(s(i, "state"))).orElse(false),
                Duration.ofSeconds(30), "the SMS worker sends the queued text");
        // A 429 is not ambiguous: no lookup before the resend.
        assertThat(env.lookupsFor(phone)).isEmpty();
        assertThat(env.messagesTo(phone)).hasSize(2);
    }

    @Test
    void twilio21610MarksTheNumberOptedOutAndLaterQuotesAreNotTexted() {
        env.twilio.failNextMessages(1, 400, FakeTwilioApi.error(400, 21610, "Attempt to send to unsubscribed recipient"));
        String phone = newPhone();
        HttpResponse<String> first = env.postJsonQuote(quoteJson(phone, true));
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(json(first).get("sms").toString()).isEqualTo("{\"sent\":false}");
        assertThat(env.item("PHONE#" + phone, "OPTOUT")).hasValueSatisfying(optOut -> {
            assertThat(s(optOut, "optedOut")).isEqualTo("true");
            assertThat(s(optOut, "optedOutSource")).isEqualTo("twilio-21610");
        });

        HttpResponse<String> second = env.postJsonQuote(quoteJson(phone, true).replace("oil change", "battery"));
        assertThat(json(second).get("sms").toString()).isEqualTo("{\"sent\":false}");
        assertThat(env.messagesTo(phone)).hasSize(1);
        assertThat(env.waitingAndInFlight("SmsQueue")).isZero();
    }

    @Test
    void theDailyCapStopsTextsToOneNumber() {
        String phone = newPhone();
        for (String service : new String[] {"oil change", "battery", "brakes"}) {
            assertThat(json(env.postJsonQuote(quoteJson(phone, true).replace("oil change", service)))
                    .get("sms").get("sent").asBoolean()).as(service).isTrue();
        }
        HttpResponse<String> fourth = env.postJsonQuote(quoteJson(phone, true).replace("oil change", "jump start"));
        assertThat(fourth.statusCode()).isEqualTo(200);
        assertThat(json(fourth).get("sms").toString()).isEqualTo("{\"sent\":false}");
        assertThat(env.messagesTo(phone)).hasSize(3);
    }

    @Test
    void theSameFormPostedTwiceIsOneLeadAndOneText() {
        String phone = newPhone();
        HttpResponse<String> first = env.postJsonQuote(quoteJson(phone, true));
        HttpResponse<String> again = env.postJsonQuote(quoteJson(phone, true));
        assertThat(json(again).get("lead_id").asText()).isEqualTo(json(first).get("lead_id").asText());
        assertThat(json(again).get("sms").get("sid").asText()).isEqualTo(json(first).get("sms").get("sid").asText());
        assertThat(env.leadsOf(phone)).hasSize(1);
        assertThat(env.messagesTo(phone)).hasSize(1);
    }

    @Test
    void wrongTwilioCredentialsSendTheQueuedTextToTheDeadLetterQueueWithTheReason() {
        env.twilio.failNextMessages(2, 401, FakeTwilioApi.error(401, 20003, "Authenticate"));
        String phone = newPhone();
        HttpResponse<String> response = env.postJsonQuote(quoteJson(phone, true));
        assertThat(json(response).get("sms").get("queued").asBoolean()).isTrue();
        waitUntil(() -> env.waitingAndInFlight("SmsDeadLetterQueue") == 1, Duration.ofSeconds(30),
                "the job reaches the SMS DLQ");
        List<Message> dead = env.drain("SmsDeadLetterQueue");
        assertThat(dead).singleElement().satisfies(message -> {
            assertThat(message.body()).contains(phone);
            assertThat(message.messageAttributes().get("failure-reason").stringValue())
                    .contains("Twilio rejected our credentials");
        });
        assertThat(env.messagesTo(phone)).hasSize(2);
    }

    @Test
    void aReplacementPriceTableIsReadFromS3() {
        String bucket = env.stack.resources().bucketName("RecordingsBucket");
        env.stack.emulators().s3().putObject(b -> b.bucket(bucket).key("config/price-table.json"),
                RequestBody.fromString("{\"services\": {\"oil change\": {\"base\": \"65.00\", \"aliases\": [\"oil\"]}}}"));
        PriceTable table = PriceTableSource.load(Settings.of(Map.of("PRICE_TABLE_S3_URI",
                "s3://" + bucket + "/config/price-table.json")), () -> env.stack.emulators().s3());
        assertThat(table.estimate("Oil", 2018, "4-cylinder", Year.of(2026)).amountText()).contains("65.00");

        assertThatThrownBy(() -> PriceTableSource.load(Settings.of(Map.of("PRICE_TABLE_S3_URI",
                "s3://" + bucket + "/config/missing.json")), () -> env.stack.emulators().s3()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("does not exist");
    }

    @Test
    void theQuotePageIsServed() {
        HttpResponse<String> page = env.send(HttpRequest.newBuilder(URI.create(env.baseUrl() + "/quote")).GET());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
        assertThat(page.body()).contains("<form id=\"switchboard-quote\"");
    }
}
