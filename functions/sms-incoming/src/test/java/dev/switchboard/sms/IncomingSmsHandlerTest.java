package dev.switchboard.sms;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.switchboard.shared.config.Lines;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.queue.JobQueue;
import dev.switchboard.shared.queue.SqsClients;
import dev.switchboard.shared.sms.DailyTextCap;
import dev.switchboard.shared.sms.OutboundTexts;
import dev.switchboard.shared.sms.TextLedger;
import dev.switchboard.shared.sms.TwilioTextGateway;
import dev.switchboard.shared.storage.DynamoDbClients;
import dev.switchboard.shared.storage.OptOuts;
import dev.switchboard.shared.storage.Table;
import dev.switchboard.shared.testing.FakeTwilioApi;
import dev.switchboard.shared.testing.TwilioEvents;
import dev.switchboard.shared.testing.UnreachableAws;
import dev.switchboard.shared.twilio.TwilioRequestVerifier;
import dev.switchboard.shared.twilio.TwilioRestClients;
import dev.switchboard.shared.twilio.TwilioWebhook;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The incoming-text handler with the committed sample events, a fake Twilio, and AWS unreachable (an
 * outage): keywords are still answered and the owner still gets the message. Opt-outs and redeliveries
 * against a real table are covered by the local-stack scenario tests.
 */
class IncomingSmsHandlerTest {

    static final String TOKEN = TwilioEvents.SAMPLE_TOKEN;
    static final String BASE = TwilioEvents.SAMPLE_BASE_URL;
    static final FakeTwilioApi TWILIO = new FakeTwilioApi();

    final Lines lines = Lines.load(Settings.of(Map.of("TWILIO_FORWARD_TO", "+19045550177",
            "BUSINESS_NAME", "Mechanic St. Augustine",
            "LINES", "{\"+19045550300\": {\"businessName\": \"Night Line\"}}")));
    final IncomingSmsHandler handler = handler();

    IncomingSmsHandler handler() {
        TwilioWebhook webhook = new TwilioWebhook(new TwilioRequestVerifier(BASE, List.of(TOKEN)), BASE);
        Table outage = new Table(DynamoDbClients.create(UnreachableAws.settings(), Duration.ofMillis(300)), "table");
        Clock clock = Clock.fixed(Instant.parse("2026-11-22T20:00:00Z"), ZoneOffset.UTC);
        OutboundTexts texts = new OutboundTexts(new TwilioTextGateway(TwilioRestClients.create(Settings.of(Map.of(
                "TWILIO_ACCOUNT_SID", FakeTwilioApi.ACCOUNT_SID, "TWILIO_AUTH_TOKEN", "token",
                "TWILIO_API_BASE_URL", TWILIO.baseUrl())))), new TextLedger(outage), new OptOuts(outage),
                new DailyTextCap(outage, 10), new JobQueue(SqsClients.create(UnreachableAws.settings(), Duration.ofMillis(300)),
                "http://127.0.0.1:9/000000000000/SmsQueue"), lines::isBusinessNumber, clock);
        return new IncomingSmsHandler(webhook, lines, outage, texts, clock);
    }

    @BeforeEach
    void reset() {
        TWILIO.reset();
    }

    @AfterAll
    static void stop() {
        TWILIO.close();
    }

    @Test
    void stopIsAnsweredWithAnEmptyResponseBecauseTwilioAlreadyReplied() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(TwilioEvents.load("sms-incoming-stop.json"), null);
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders().get("Content-Type")).startsWith("text/xml");
        assertThat(response.getBody()).endsWith("<Response/>");
        assertThat(TWILIO.sentMessages()).isEmpty();
    }

    @Test
    void startIsAnsweredWithAnEmptyResponse() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(TwilioEvents.load("sms-incoming-start.json"), null);
        assertThat(response.getBody()).endsWith("<Response/>");
    }

    @Test
    void helpGetsTheLinesHelpText() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(TwilioEvents.load("sms-incoming-help.json"), null);
        assertThat(response.getBody()).contains("<Response><Message><Body>Mechanic St. Augustine: reply with your name,"
                + " vehicle and what it needs and we'll get back to you. Reply STOP to opt out.</Body></Message></Response>");
        APIGatewayV2HTTPEvent night = TwilioEvents.with(TwilioEvents.load("sms-incoming-help.json"),
                Map.of("To", "+19045550300"), TOKEN, BASE);
        assertThat(handler.handleRequest(night, null).getBody()).contains("<Body>Night Line: reply");
    }

    @Test
    void anyOtherMessageIsStillAnsweredWhenStorageIsDown() {
        // With the table unreachable OutboundTexts cannot check opt-outs or claim the text, so it queues the
        // forward for the SMS worker instead of sending it now (here the queue is down too: logged, not thrown).
        APIGatewayV2HTTPResponse response = handler.handleRequest(TwilioEvents.load("sms-incoming-message.json"), null);
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody()).endsWith("<Response/>");
        assertThat(TWILIO.sentMessages()).isEmpty();
    }

    @Test
    void textsFromTheOwnerAreNotForwardedBackToTheOwner() {
        APIGatewayV2HTTPEvent fromOwner = TwilioEvents.with(TwilioEvents.load("sms-incoming-message.json"),
                Map.of("From", "+19045550177"), TOKEN, BASE);
        handler.handleRequest(fromOwner, null);
        assertThat(TWILIO.sentMessages()).isEmpty();
    }

    @Test
    void forgedOrIncompleteRequestsAreRefused() {
        APIGatewayV2HTTPEvent forged = TwilioEvents.with(TwilioEvents.load("sms-incoming-stop.json"),
                Map.of("From", "+19045550999"), "wrong-token", BASE);
        assertThat(handler.handleRequest(forged, null).getStatusCode()).isEqualTo(403);
        Map<String, String> noSid = new HashMap<>();
        noSid.put("MessageSid", null);
        noSid.put("SmsSid", null);
        noSid.put("SmsMessageSid", null);
        APIGatewayV2HTTPResponse missing = handler.handleRequest(TwilioEvents.with(TwilioEvents.load("sms-incoming-message.json"),
                noSid, TOKEN, BASE), null);
        assertThat(missing.getStatusCode()).isEqualTo(400);
        assertThat(missing.getBody()).contains("MessageSid");
        assertThat(TWILIO.sentMessages()).isEmpty();
    }

    @Test
    void anyFromIsAnsweredWithoutA5xxAndHelpStaysWellFormedXml() throws Exception {
        APIGatewayV2HTTPEvent longFrom = TwilioEvents.with(TwilioEvents.load("sms-incoming-message.json"),
                Map.of("From", "sip:" + "x".repeat(1600) + "@example.com"), TOKEN, BASE);
        assertThat(handler.handleRequest(longFrom, null).getStatusCode()).isEqualTo(200);

        Lines greeting = Lines.load(Settings.of(Map.of("TWILIO_FORWARD_TO", "+19045550177",
                "SMS_HELP_TEXT", "Hi {caller}: reply STOP to opt out.")));
        IncomingSmsHandler helps = new IncomingSmsHandler(new TwilioWebhook(new TwilioRequestVerifier(BASE, List.of(TOKEN)), BASE),
                greeting, new Table(DynamoDbClients.create(UnreachableAws.settings(), Duration.ofMillis(300)), "table"),
                null, Clock.systemUTC());
        APIGatewayV2HTTPEvent nasty = TwilioEvents.with(TwilioEvents.load("sms-incoming-help.json"),
                Map.of("From", "A\u0000B\u0001"), TOKEN, BASE);
        APIGatewayV2HTTPResponse response = helps.handleRequest(nasty, null);
        assertThat(response.getStatusCode()).isEqualTo(200);
        String body = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(response.getBody().getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .getElementsByTagName("Body").item(0).getTextContent();
        assertThat(body).isEqualTo("Hi AB: reply STOP to opt out.");
    }
}
