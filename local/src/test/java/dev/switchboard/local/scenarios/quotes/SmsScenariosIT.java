package dev.switchboard.local.scenarios.quotes;

import static dev.switchboard.local.scenarios.quotes.ScenarioStack.newPhone;
import static dev.switchboard.local.scenarios.quotes.ScenarioStack.quoteJson;
import static dev.switchboard.local.scenarios.quotes.ScenarioStack.s;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.local.scenarios.TwilioPosts;
import dev.switchboard.shared.json.Json;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Incoming texts ({@code /twilio/sms}) and delivery status ({@code /twilio/sms/status}) through the local
 * stack, signed as Twilio signs them, with the quote form to see opt-outs honoured.
 */
class SmsScenariosIT {

    static ScenarioStack env;
    static int sids;

    @BeforeAll
    static void start() {
        env = ScenarioStack.start(Map.of("QUOTE_RATE_LIMIT_PER_IP_PER_HOUR", "100000"),
                List.of("QuoteFunction", "SmsIncomingFunction", "SmsStatusFunction", "SmsSenderFunction",
                        "OwnerAlertsFunction"));
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
    }

    static String newSid() {
        return "SM" + String.format("%032x", System.nanoTime() + (++sids));
    }

    static Map<String, String> incoming(String sid, String from, String body) {
        return TwilioPosts.incomingText("AC00000000000000000000000000000000", sid, from, ScenarioStack.SMS_FROM, body);
    }

    HttpResponse<String> text(String from, String body) {
        return env.twilioPost("/twilio/sms", incoming(newSid(), from, body));
    }

    HttpResponse<String> status(String sid, String status, String errorCode, String to) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", "AC00000000000000000000000000000000");
        params.put("MessageSid", sid);
        params.put("SmsSid", sid);
        params.put("MessageStatus", status);
        params.put("SmsStatus", status);
        params.put("From", ScenarioStack.SMS_FROM);
        params.put("To", to);
        if (errorCode != null) {
            params.put("ErrorCode", errorCode);
        }
        return env.twilioPost("/twilio/sms/status", params);
    }

    boolean quoteTexted(String phone) {
        HttpResponse<String> response = env.postJsonQuote(quoteJson(phone, true).replace("John Doe", "John " + System.nanoTime()));
        assertThat(response.statusCode()).isEqualTo(200);
        try {
            return Json.MAPPER.readTree(response.body()).get("sms").get("sent").asBoolean();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void stopThenANewQuoteWithOptInSendsNoText() {
        String phone = newPhone();
        HttpResponse<String> stop = text(phone, "STOP");
        assertThat(stop.statusCode()).isEqualTo(200);
        assertThat(stop.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/xml"));
        assertThat(stop.body()).endsWith("<Response/>");
        assertThat(env.item("PHONE#" + phone, "OPTOUT")).hasValueSatisfying(o -> {
            assertThat(s(o, "optedOut")).isEqualTo("true");
            assertThat(s(o, "optedOutSource")).isEqualTo("sms-stop");
        });

        assertThat(quoteTexted(phone)).isFalse();
        // (The owner still gets the quote's alert: only texts to this customer count.)
        assertThat(env.messagesTo(phone)).isEmpty();
        assertThat(env.waitingAndInFlight("SmsQueue")).isZero();
    }

    @Test
    void startOptsBackIn() {
        String phone = newPhone();
        text(phone, "unsubscribe");
        assertThat(quoteTexted(phone)).isFalse();

        HttpResponse<String> start = text(phone, "Start");
        assertThat(start.body()).endsWith("<Response/>");
        assertThat(s(env.item("PHONE#" + phone, "OPTOUT").orElseThrow(), "optedOut")).isEqualTo("false");
        assertThat(quoteTexted(phone)).isTrue();
        assertThat(env.messagesTo(phone)).hasSize(1);
    }

    @Test
    void aRedeliveredStopAfterStartDoesNotOptOutAgain() {
        String phone = newPhone();
        Map<String, String> stop = incoming(newSid(), phone, "STOP");
        env.twilioPost("/twilio/sms", stop);
        text(phone, "YES");
        env.twilioPost("/twilio/sms", stop);
        assertThat(s(env.item("PHONE#" + phone, "OPTOUT").orElseThrow(), "optedOut")).isEqualTo("false");
    }

    @Test
    void helpIsAnsweredWithTheLinesHelpText() {
        String phone = newPhone();
        HttpResponse<String> help = text(phone, " help ");
        assertThat(help.statusCode()).isEqualTo(200);
        assertThat(help.body()).contains("<Response><Message><Body>Mechanic St. Augustine: reply with your name,"
                + " vehicle and what it needs and we'll get back to you. Reply STOP to opt out.</Body></Message></Response>");
        // Answered in TwiML only: no text to the customer, and no alert (HELP is not a message for the owner).
        assertThat(env.messagesTo(phone)).isEmpty();
        assertThat(env.messagesTo(ScenarioStack.FORWARD_TO).stream()
                .filter(m -> m.first("Body").filter(b -> b.contains("help")).isPresent())).isEmpty();
    }

    @Test
    void anyOtherMessageIsStoredAndAlertedToTheOwnerOnceEvenWhenRedelivered() {
        String phone = newPhone();
        String sid = newSid();
        Map<String, String> message = incoming(sid, phone, "Please stop by tomorrow, my truck won't start");
        HttpResponse<String> first = env.twilioPost("/twilio/sms", message);
        HttpResponse<String> again = env.twilioPost("/twilio/sms", message);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).endsWith("<Response/>");
        assertThat(again.body()).isEqualTo(first.body());
        // The owner's alert (docs/owner-alerts.md): the customer's reply tag, name or number, then the text.
        // (Other tests' alerts may reach the owner meanwhile: only this text's count.)
        java.util.function.Supplier<List<dev.switchboard.shared.http.FormParameters>> alerts = () -> env
                .messagesTo(ScenarioStack.FORWARD_TO).stream()
                .filter(m -> m.first("Body").filter(b -> b.contains("Please stop by tomorrow")).isPresent()).toList();
        ScenarioStack.waitUntil(() -> !alerts.get().isEmpty(), java.time.Duration.ofSeconds(60), "the owner's alert");
        ScenarioStack.waitUntil(() -> env.waitingAndInFlight("AlertQueue") == 0, java.time.Duration.ofSeconds(60),
                "the alert queue to be empty");
        assertThat(alerts.get()).singleElement().satisfies(forward -> {
            assertThat(forward.first("From")).contains(ScenarioStack.SMS_FROM);
            assertThat(forward.first("Body")).hasValueSatisfying(body -> assertThat(body)
                    .matches("#[2-9A-Z]{2,3} Text from .*: Please stop by tomorrow, my truck won't start"));
            assertThat(forward.first("StatusCallback")).contains(env.baseUrl() + "/twilio/sms/status");
        });
        assertThat(env.item("MSG#" + sid, "MSG")).hasValueSatisfying(stored -> {
            assertThat(s(stored, "direction")).isEqualTo("inbound");
            assertThat(s(stored, "from")).isEqualTo(phone);
            assertThat(s(stored, "body")).isEqualTo("Please stop by tomorrow, my truck won't start");
        });
        assertThat(env.item("TEXT#alert:text:" + sid + ":" + ScenarioStack.FORWARD_TO, "TEXT"))
                .hasValueSatisfying(c -> assertThat(s(c, "state")).isEqualTo("sent"));
        // Not an opt-out: more than one word.
        assertThat(env.item("PHONE#" + phone, "OPTOUT")).isEmpty();
    }

    @Test
    void statusCallbacksOutOfOrderNeverMoveARecordBack() {
        String phone = newPhone();
        assertThat(quoteTexted(phone)).isTrue();
        List<Map<String, AttributeValue>> records = env.itemsStartingWith("MSG#").stream()
                .filter(i -> phone.equals(s(i, "to"))).toList();
        assertThat(records).hasSize(1);
        String sid = s(records.get(0), "pk").substring("MSG#".length());
        assertThat(s(records.get(0), "status")).isEqualTo("queued");

        assertThat(status(sid, "delivered", null, phone).statusCode()).isEqualTo(204);
        assertThat(status(sid, "sent", null, phone).statusCode()).isEqualTo(204);
        assertThat(status(sid, "queued", null, phone).statusCode()).isEqualTo(204);
        Map<String, AttributeValue> record = env.item("MSG#" + sid, "MSG").orElseThrow();
        assertThat(s(record, "status")).isEqualTo("delivered");
        assertThat(s(record, "textKey")).startsWith("quote:");

        // Forward order moves it step by step; the first final status stays.
        String other = newSid();
        status(other, "queued", null, phone);
        status(other, "sending", null, phone);
        assertThat(s(env.item("MSG#" + other, "MSG").orElseThrow(), "status")).isEqualTo("sending");
        status(other, "sent", null, phone);
        status(other, "undelivered", "30003", phone);
        status(other, "delivered", null, phone);
        Map<String, AttributeValue> undelivered = env.item("MSG#" + other, "MSG").orElseThrow();
        assertThat(s(undelivered, "status")).isEqualTo("undelivered");
        assertThat(s(undelivered, "errorCode")).isEqualTo("30003");
        assertThat(s(undelivered, "errorDescription")).contains("unreachable");
    }

    @Test
    void aStatusForAnUnknownMessageIsStillRecordedWithItsErrorCode() {
        String sid = newSid();
        String phone = newPhone();
        for (String code : new String[] {"30004", "30005", "30006", "30007", "30008"}) {
            String each = newSid();
            status(each, "failed", code, phone);
            assertThat(s(env.item("MSG#" + each, "MSG").orElseThrow(), "errorCode")).isEqualTo(code);
        }
        assertThat(status(sid, "undelivered", "30003", phone).statusCode()).isEqualTo(204);
        Map<String, AttributeValue> record = env.item("MSG#" + sid, "MSG").orElseThrow();
        assertThat(s(record, "status")).isEqualTo("undelivered");
        assertThat(s(record, "to")).isEqualTo(phone);
        // Texts are the business's records: kept unless RECORD_RETENTION_DAYS says otherwise.
        assertThat(record).doesNotContainKey("expiresAt");
    }

    @Test
    void unsignedWebhooksAreRefusedAndWriteNothing() {
        String phone = newPhone();
        HttpResponse<String> forged = env.send(HttpRequest.newBuilder(URI.create(env.baseUrl() + "/twilio/sms"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", "bm90IGEgc2lnbmF0dXJl")
                .POST(HttpRequest.BodyPublishers.ofString("MessageSid=SM1&From=" + phone.replace("+", "%2B")
                        + "&To=%2B19045550200&Body=STOP")));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(env.item("PHONE#" + phone, "OPTOUT")).isEmpty();
        String sid = newSid();
        HttpResponse<String> status = env.send(HttpRequest.newBuilder(URI.create(env.baseUrl() + "/twilio/sms/status"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("MessageSid=" + sid + "&MessageStatus=delivered")));
        assertThat(status.statusCode()).isEqualTo(403);
        assertThat(env.item("MSG#" + sid, "MSG")).isEmpty();
    }
}
