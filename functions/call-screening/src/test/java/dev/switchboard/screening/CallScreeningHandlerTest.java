package dev.switchboard.screening;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.switchboard.shared.config.Lines;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.storage.CallRecord;
import dev.switchboard.shared.testing.TwilioEvents;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The screening routes with the sample events, storage down: the owner still hears a whisper, and a
 * press of 1 still connects the call (whether it was recorded is covered by the local-stack scenarios).
 */
class CallScreeningHandlerTest {

    static final String TOKEN = TwilioEvents.SAMPLE_TOKEN;
    static final String BASE = TwilioEvents.SAMPLE_BASE_URL;

    static final Lines LINES = Lines.load(Settings.of(Map.of("TWILIO_FORWARD_TO", "+19045550177",
            "TWILIO_CALLER_ID", "+19045550200", "BUSINESS_NAME", "Mechanic St. Augustine")));

    /** The call records, down. */
    static final CallScreeningService.ScreeningCalls DOWN = new CallScreeningService.ScreeningCalls() {
        @Override
        public Optional<CallRecord> find(String callSid) {
            throw new IllegalStateException("table unreachable");
        }

        @Override
        public void recordScreenAccepted(String parentCallSid, String ownerLegSid, Instant now) {
            throw new IllegalStateException("table unreachable");
        }
    };

    final CallScreeningHandler handler = new CallScreeningHandler(
            TwilioEvents.sampleWebhook(), LINES,
            new CallScreeningService(LINES, DOWN, Clock.fixed(Instant.parse("2026-11-23T15:00:00Z"), ZoneOffset.UTC)));

    static Document xml(APIGatewayV2HTTPResponse response) throws Exception {
        assertThat(response.getStatusCode()).isEqualTo(200);
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(response.getBody().getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theOwnerHearsAWhisperAndIsAskedToPressOne() throws Exception {
        Document doc = xml(handler.handleRequest(TwilioEvents.load("call-screening-screen.json"), null));
        Element gather = (Element) doc.getElementsByTagName("Gather").item(0);
        assertThat(gather.getAttribute("numDigits")).isEqualTo("1");
        assertThat(gather.getAttribute("action")).isEqualTo(BASE + "/twilio/voice/screen-result");
        String said = gather.getElementsByTagName("Say").item(0).getTextContent();
        assertThat(said).startsWith("Call for Mechanic St. Augustine from").contains("Press 1 to accept");
        // The child leg's From is the business's caller ID: never announced as the caller.
        assertThat(said).contains("a caller").doesNotContain("5 5 5, 0 2 0 0");
        // No key press: the owner's leg hangs up, whatever answered it.
        assertThat(doc.getDocumentElement().getLastChild().getNodeName()).isEqualTo("Hangup");
    }

    @Test
    void pressingOneConnectsEvenWhenItCannotBeRecorded() throws Exception {
        Document doc = xml(handler.handleRequest(TwilioEvents.load("call-screening-screen-result.json"), null));
        assertThat(doc.getDocumentElement().getChildNodes().getLength()).isZero();
    }

    @Test
    void anyOtherKeyOrNoneHangsUpTheOwnersLeg() throws Exception {
        APIGatewayV2HTTPEvent two = TwilioEvents.with(TwilioEvents.load("call-screening-screen-result.json"),
                Map.of("Digits", "2"), TOKEN, BASE);
        assertThat(xml(handler.handleRequest(two, null)).getElementsByTagName("Hangup").getLength()).isEqualTo(1);
        APIGatewayV2HTTPEvent none = TwilioEvents.with(TwilioEvents.load("call-screening-screen-result.json"),
                Map.of("Digits", ""), TOKEN, BASE);
        assertThat(xml(handler.handleRequest(none, null)).getElementsByTagName("Hangup").getLength()).isEqualTo(1);
    }

    @Test
    void forgedIs403() {
        APIGatewayV2HTTPEvent forged = TwilioEvents.with(TwilioEvents.load("call-screening-screen-result.json"),
                Map.of(), "not-the-token", BASE);
        assertThat(handler.handleRequest(forged, null).getStatusCode()).isEqualTo(403);
    }

    @Test
    void numbersAreSpokenInGroups() {
        assertThat(ScreeningTwiml.spoken("+19045550123")).isEqualTo("9 0 4, 5 5 5, 0 1 2 3");
        assertThat(ScreeningTwiml.spoken("+442079460958")).isEqualTo("4 4 2 0 7 9 4 6 0 9 5 8");
        assertThat(ScreeningTwiml.spoken("anonymous")).isEqualTo("an unknown number");
        assertThat(ScreeningTwiml.spoken(null)).isEqualTo("an unknown number");
    }
}
