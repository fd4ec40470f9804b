package dev.switchboard.dialstatus;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.switchboard.shared.calls.MissedCallTextPolicy.Occasion;
import dev.switchboard.shared.calls.MissedCallTexts;
import dev.switchboard.shared.config.Lines;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.storage.CallRecord;
import dev.switchboard.shared.storage.CallRecords;
import dev.switchboard.shared.testing.TwilioEvents;
import dev.switchboard.shared.twilio.TwilioWebhook;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The dial-status handler with the committed sample events and its real service, while the table is down:
 * the caller must still get the right TwiML. The rules are DialStatusServiceTest's; a text never leaving
 * without its once-only guard is OutboundTextsTest's, and texts going out exactly once against real storage
 * are covered by the local-stack scenario tests.
 */
class DialStatusHandlerTest {

    static final String TOKEN = TwilioEvents.SAMPLE_TOKEN;
    static final String BASE = TwilioEvents.SAMPLE_BASE_URL;
    static final RuntimeException OUTAGE = new IllegalStateException("table unreachable");

    /** The real service, with storage down and the texts recorded: the caller must still get the right TwiML. */
    final List<Occasion> texts = new ArrayList<>();

    DialStatusHandler handler(String linesJson) {
        Lines lines = Lines.load(Settings.of(Map.of("TWILIO_FORWARD_TO", "+19045550177",
                "TWILIO_SMS_FROM", "+19045550200", "LINES", linesJson)));
        DialStatusStore down = new DialStatusStore() {
            @Override
            public Optional<CallRecord> find(String callSid) {
                throw OUTAGE;
            }

            @Override
            public void recordDialOutcome(CallRecords.DialOutcome outcome, Instant now) {
                throw OUTAGE;
            }

            @Override
            public void recordVoicemail(String callSid, boolean left, Optional<String> recordingSid,
                                        Optional<Long> durationSeconds, Instant now) {
                throw OUTAGE;
            }
        };
        Clock clock = Clock.fixed(Instant.parse("2026-11-23T15:00:00Z"), ZoneOffset.UTC);
        TwilioWebhook webhook = TwilioEvents.sampleWebhook();
        return new DialStatusHandler(webhook, lines, new DialStatusService(down, lines, (line, callSid, caller,
                occasion, now) -> {
            texts.add(occasion);
            return new MissedCallTexts.Outcome(Optional.empty(), Optional.empty(), "queued");
        }, clock));
    }

    static Document xml(APIGatewayV2HTTPResponse response) throws Exception {
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders().get("Content-Type")).startsWith("text/xml");
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(response.getBody().getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void noAnswerGoesToVoicemailEvenWithStorageDown() throws Exception {
        Document doc = xml(handler("{}").handleRequest(TwilioEvents.load("dial-status-no-answer.json"), null));
        Element record = (Element) doc.getElementsByTagName("Record").item(0);
        assertThat(record).isNotNull();
        assertThat(record.getAttribute("action")).isEqualTo(BASE + "/twilio/voice/voicemail-complete");
        assertThat(record.getAttribute("recordingStatusCallback")).isEqualTo(BASE + "/twilio/voice/recording");
        assertThat(record.getAttribute("maxLength")).isEqualTo("120");
        assertThat(record.getAttribute("playBeep")).isEqualTo("true");
        assertThat(record.getAttribute("finishOnKey")).isEqualTo("#");
        assertThat(doc.getElementsByTagName("Say").item(0).getTextContent()).contains("leave");
        assertThat(texts).containsExactly(Occasion.NOT_ANSWERED_CALLER_WAITING);
    }

    @Test
    void busyAndUnknownStatusesAlsoGoToVoicemail() throws Exception {
        DialStatusHandler handler = handler("{}");
        assertThat(xml(handler.handleRequest(TwilioEvents.load("dial-status-busy.json"), null))
                .getElementsByTagName("Record").getLength()).isEqualTo(1);
        APIGatewayV2HTTPEvent odd = TwilioEvents.with(TwilioEvents.load("dial-status-no-answer.json"),
                Map.of("DialCallStatus", "on-fire"), TOKEN, BASE);
        assertThat(xml(handler.handleRequest(odd, null)).getElementsByTagName("Record").getLength()).isEqualTo(1);
    }

    @Test
    void anAnsweredCallHangsUp() throws Exception {
        Document doc = xml(handler("{}").handleRequest(TwilioEvents.load("dial-status-completed.json"), null));
        assertThat(doc.getElementsByTagName("Hangup").getLength()).isEqualTo(1);
        assertThat(doc.getElementsByTagName("Record").getLength()).isZero();
    }

    @Test
    void aScreenedLineWhoseAcceptanceCannotBeReadStillCatchesTheCallerInVoicemail() throws Exception {
        DialStatusHandler handler = handler("{\"+19045550200\": {\"forwardTo\": \"+19045550177\", \"screen\": true,"
                + " \"voicemailMaxLength\": 60}}");
        Document doc = xml(handler.handleRequest(TwilioEvents.load("dial-status-completed.json"), null));
        Element record = (Element) doc.getElementsByTagName("Record").item(0);
        assertThat(record).isNotNull();
        assertThat(record.getAttribute("maxLength")).isEqualTo("60");
        assertThat(texts).isEmpty();
    }

    @Test
    void aCallerWhoAlreadyHungUpGetsAHangup() throws Exception {
        APIGatewayV2HTTPEvent gone = TwilioEvents.with(TwilioEvents.load("dial-status-no-answer.json"),
                Map.of("CallStatus", "completed"), TOKEN, BASE);
        Document doc = xml(handler("{}").handleRequest(gone, null));
        assertThat(doc.getElementsByTagName("Hangup").getLength()).isEqualTo(1);
    }

    @Test
    void voicemailCompleteSaysGoodbye() throws Exception {
        Document doc = xml(handler("{}").handleRequest(TwilioEvents.load("dial-status-voicemail-complete.json"), null));
        assertThat(doc.getElementsByTagName("Say").item(0).getTextContent())
                .isEqualTo(DialStatusHandler.GOODBYE_AFTER_MESSAGE);
        assertThat(doc.getElementsByTagName("Hangup").getLength()).isEqualTo(1);
        APIGatewayV2HTTPEvent silent = TwilioEvents.with(TwilioEvents.load("dial-status-voicemail-complete.json"),
                Map.of("RecordingDuration", "0"), TOKEN, BASE);
        assertThat(xml(handler("{}").handleRequest(silent, null)).getElementsByTagName("Say").item(0).getTextContent())
                .isEqualTo(DialStatusHandler.GOODBYE_NO_MESSAGE);
    }

    @Test
    void aForgedRequestIs403AndAMissingCallSid400() {
        DialStatusHandler handler = handler("{}");
        APIGatewayV2HTTPEvent forged = TwilioEvents.with(TwilioEvents.load("dial-status-no-answer.json"),
                Map.of(), "wrong-token", BASE);
        assertThat(handler.handleRequest(forged, null).getStatusCode()).isEqualTo(403);
        Map<String, String> noSid = new HashMap<>();
        noSid.put("CallSid", null);
        APIGatewayV2HTTPResponse missing = handler.handleRequest(
                TwilioEvents.with(TwilioEvents.load("dial-status-no-answer.json"), noSid, TOKEN, BASE), null);
        assertThat(missing.getStatusCode()).isEqualTo(400);
        assertThat(missing.getBody()).contains("CallSid");
    }

    @Test
    void anotherPathIs404() {
        APIGatewayV2HTTPEvent event = TwilioEvents.load("dial-status-no-answer.json");
        event.setRawPath("/twilio/voice/elsewhere");
        assertThat(handler("{}").handleRequest(event, null).getStatusCode()).isEqualTo(404);
    }
}
