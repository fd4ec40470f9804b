package dev.switchboard.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.switchboard.shared.config.Lines;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.testing.TwilioEvents;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** {@code /twilio/voice/outbound}: the signed sample answers TwiML that connects the customer, recorded. */
class OutboundCallHandlerTest {

    static final Lines LINES = Lines.load(Settings.of(Map.of("TWILIO_FORWARD_TO", "+19045550177",
            "TWILIO_CALLER_ID", "+19045550200", "BUSINESS_NAME", "Mechanic St. Augustine")));

    final OutboundCallHandler handler = new OutboundCallHandler(TwilioEvents.sampleWebhook(), LINES);

    static Document xml(APIGatewayV2HTTPResponse response) throws Exception {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(response.getBody().getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theStaffMemberHearsWhoAndTheCustomerIsDialledFromTheLineRecorded() throws Exception {
        Document doc = xml(handler.handleRequest(TwilioEvents.load("outbound-call.json"), null));
        assertThat(doc.getElementsByTagName("Say").item(0).getTextContent()).isEqualTo("Connecting you to Jane Doe.");
        Element dial = (Element) doc.getElementsByTagName("Dial").item(0);
        assertThat(dial.getAttribute("callerId")).isEqualTo("+19045550200");
        assertThat(dial.getAttribute("record")).isEqualTo("record-from-answer-dual");
        assertThat(dial.getAttribute("recordingStatusCallback")).isEqualTo("http://localhost:3000/twilio/voice/recording");
        assertThat(doc.getElementsByTagName("Number").item(0).getTextContent()).isEqualTo("+19045550123");
    }

    @Test
    void aChangedQueryBreaksTheSignature() {
        APIGatewayV2HTTPEvent event = TwilioEvents.load("outbound-call.json");
        event.setRawQueryString("to=%2B19005550100&line=%2B19045550200&name=Jane+Doe");
        assertThat(handler.handleRequest(event, null).getStatusCode()).isEqualTo(403);
    }

    @Test
    void withoutANameTheNumberIsReadDigitByDigit() {
        assertThat(OutboundCallHandler.spoken("+19045550123")).isEqualTo("9 0 4 5 5 5 0 1 2 3");
    }
}
