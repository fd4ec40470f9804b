package dev.switchboard.sms;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.switchboard.shared.config.Lines;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.jobs.AlertJob;
import dev.switchboard.shared.sms.InboundMessage;
import dev.switchboard.shared.sms.OutgoingText;
import dev.switchboard.shared.sms.SendResult;
import dev.switchboard.shared.testing.TwilioEvents;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The incoming-text handler with the committed sample events and its real service, the table and the texts
 * in memory: keywords are answered, the owner gets the message, and an outage of the table changes neither.
 * Opt-outs and redeliveries against a real table are covered by the local-stack scenario tests.
 */
class IncomingSmsHandlerTest {

    static final String TOKEN = TwilioEvents.SAMPLE_TOKEN;
    static final String BASE = TwilioEvents.SAMPLE_BASE_URL;

    final Lines lines = Lines.load(Settings.of(Map.of("TWILIO_FORWARD_TO", "+19045550177",
            "BUSINESS_NAME", "Mechanic St. Augustine",
            "LINES", "{\"+19045550300\": {\"businessName\": \"Night Line\"}}")));
    final Set<String> stored = new HashSet<>();
    final List<String> optOuts = new ArrayList<>();
    final List<OutgoingText> sent = new ArrayList<>();
    final List<AlertJob> alerts = new ArrayList<>();
    RuntimeException tableOutage;

    final IncomingSmsHandler handler = handlerFor(lines);

    IncomingSmsHandler handlerFor(Lines lines) {
        return new IncomingSmsHandler(
                TwilioEvents.sampleWebhook(),
                new IncomingSmsService(lines, new IncomingSmsStore() {
                    @Override
                    public boolean recordFirst(InboundMessage message, Instant now) {
                        up();
                        return stored.add(message.messageSid());
                    }

                    @Override
                    public void optOut(String phone, String source, Instant now) {
                        up();
                        optOuts.add("out " + phone + " " + source);
                    }

                    @Override
                    public void optIn(String phone, String source, Instant now) {
                        up();
                        optOuts.add("in " + phone + " " + source);
                    }
                }, text -> {
                    sent.add(text);
                    return new SendResult(SendResult.Status.SENT, Optional.of("SM1"), "queued");
                }, BASE + "/twilio/sms/status", Clock.fixed(Instant.parse("2026-11-22T20:00:00Z"), ZoneOffset.UTC),
                        "+19045550177"::equals, new RelayStore() {
                            @Override
                            public Optional<String> customerForTag(String line, String tag) {
                                return Optional.empty();
                            }

                            @Override
                            public Optional<String> lastAlerted(String staff, String line, Instant now) {
                                return Optional.empty();
                            }
                        }, alerts::add));
    }

    void up() {
        if (tableOutage != null) {
            throw tableOutage;
        }
    }

    @Test
    void stopIsAnsweredWithAnEmptyResponseBecauseTwilioAlreadyReplied() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(TwilioEvents.load("sms-incoming-stop.json"), null);
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders().get("Content-Type")).startsWith("text/xml");
        assertThat(response.getBody()).endsWith("<Response/>");
        assertThat(optOuts).singleElement().asString().startsWith("out +1");
        assertThat(sent).isEmpty();
    }

    @Test
    void startIsAnsweredWithAnEmptyResponse() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(TwilioEvents.load("sms-incoming-start.json"), null);
        assertThat(response.getBody()).endsWith("<Response/>");
        assertThat(optOuts).singleElement().asString().startsWith("in +1");
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
    void anyOtherMessageIsAlertedOnceEvenWhenStorageIsDown() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(TwilioEvents.load("sms-incoming-message.json"), null);
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody()).endsWith("<Response/>");
        handler.handleRequest(TwilioEvents.load("sms-incoming-message.json"), null);
        assertThat(alerts).singleElement().isInstanceOfSatisfying(AlertJob.Text.class,
                alert -> assertThat(alert.customer()).startsWith("+1"));

        // Without the record a redelivery is not recognised: the alert is queued again, and the alert worker's
        // once-per-event text key keeps staff from hearing twice.
        tableOutage = new IllegalStateException("table unreachable");
        APIGatewayV2HTTPResponse outage = handler.handleRequest(TwilioEvents.load("sms-incoming-message.json"), null);
        assertThat(outage.getStatusCode()).isEqualTo(200);
        assertThat(outage.getBody()).endsWith("<Response/>");
        assertThat(alerts).hasSize(2);
        assertThat(alerts.get(1).eventKey()).isEqualTo(alerts.get(0).eventKey());
    }

    @Test
    void textsFromStaffAreCommandsNeverCustomerMessages() {
        APIGatewayV2HTTPEvent fromOwner = TwilioEvents.with(TwilioEvents.load("sms-incoming-message.json"),
                Map.of("From", "+19045550177"), TOKEN, BASE);
        handler.handleRequest(fromOwner, null);
        assertThat(alerts).isEmpty();
        assertThat(sent).singleElement().satisfies(notice -> {
            assertThat(notice.to()).isEqualTo("+19045550177");
            assertThat(notice.body()).contains("Start with #tag");
        });
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
        assertThat(sent).isEmpty();
        assertThat(stored).isEmpty();
    }

    @Test
    void anyFromIsAnsweredWithoutA5xxAndHelpStaysWellFormedXml() throws Exception {
        APIGatewayV2HTTPEvent longFrom = TwilioEvents.with(TwilioEvents.load("sms-incoming-message.json"),
                Map.of("From", "sip:" + "x".repeat(1600) + "@example.com"), TOKEN, BASE);
        assertThat(handler.handleRequest(longFrom, null).getStatusCode()).isEqualTo(200);

        Lines greeting = Lines.load(Settings.of(Map.of("TWILIO_FORWARD_TO", "+19045550177",
                "SMS_HELP_TEXT", "Hi {caller}: reply STOP to opt out.")));
        IncomingSmsHandler helps = handlerFor(greeting);
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
