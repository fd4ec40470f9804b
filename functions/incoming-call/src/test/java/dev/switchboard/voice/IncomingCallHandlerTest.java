package dev.switchboard.voice;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.switchboard.shared.config.Lines;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.testing.TwilioEvents;
import dev.switchboard.shared.twilio.TwilioWebhook;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The incoming-call handler with the committed sample event, its service on a call log that is down (an
 * outage): the caller must still get the TwiML. What is recorded and texted is IncomingCallServiceTest's;
 * writes to a real table are covered by the local-stack scenario tests.
 */
class IncomingCallHandlerTest {

    static final String TOKEN = TwilioEvents.SAMPLE_TOKEN;
    static final String BASE = TwilioEvents.SAMPLE_BASE_URL;

    final IncomingCallHandler handler = handler(Instant.parse("2026-11-23T23:00:00Z")); // Monday 18:00 in New York

    static final IncomingCallService.CallLog DOWN = (call, now) -> {
        throw new IllegalStateException("table unreachable");
    };

    static IncomingCallHandler handler(Instant now) {
        TwilioWebhook webhook = TwilioEvents.sampleWebhook();
        return new IncomingCallHandler(webhook, Lines.load(Settings.of(Map.of(
                "TWILIO_FORWARD_TO", "+19045550177",
                "LINES", "{\"+19045550300\": {\"forwardTo\": \"+19045550999\", \"businessName\": \"Night Line\","
                        + " \"hours\": {\"mon\": \"08:00-17:00\"}, \"timeZone\": \"America/New_York\"}}"))),
                new IncomingCallService(DOWN, Optional::empty, Clock.fixed(now, ZoneOffset.UTC)));
    }

    @Test
    void theSampleEventIsForwardedToTheOwnerEvenWhenStorageIsDown() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(TwilioEvents.load("incoming-call.json"), null);
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders().get("Content-Type")).startsWith("text/xml");
        assertThat(response.getBody()).contains("<Dial").contains("<Number>+19045550177</Number>")
                .contains("record=\"record-from-answer-dual\"")
                .contains("action=\"http://localhost:3000/twilio/voice/dial-status\"")
                .contains("recordingStatusCallback=\"http://localhost:3000/twilio/voice/recording\"");
    }

    @Test
    void eachCalledNumberUsesItsOwnLineAndHours() {
        APIGatewayV2HTTPEvent closed = TwilioEvents.with(TwilioEvents.load("incoming-call.json"),
                Map.of("To", "+19045550300"), TOKEN, BASE);
        APIGatewayV2HTTPResponse afterHours = handler.handleRequest(closed, null);
        assertThat(afterHours.getBody()).doesNotContain("<Dial").contains("<Record").contains("Night Line");

        APIGatewayV2HTTPEvent open = TwilioEvents.with(TwilioEvents.load("incoming-call.json"),
                Map.of("To", "+19045550300"), TOKEN, BASE);
        APIGatewayV2HTTPResponse inHours = handler(Instant.parse("2026-11-23T15:00:00Z")).handleRequest(open, null);
        assertThat(inHours.getBody()).contains("<Number>+19045550999</Number>");
    }

    @Test
    void aScreenedLineDialsTheOwnerThroughTheWhisper() {
        TwilioWebhook webhook = TwilioEvents.sampleWebhook();
        IncomingCallHandler screened = new IncomingCallHandler(webhook, Lines.load(Settings.of(Map.of(
                "LINES", "{\"+19045550200\": {\"forwardTo\": \"+19045550177\", \"screen\": true}}"))),
                new IncomingCallService(DOWN, Optional::empty,
                        Clock.fixed(Instant.parse("2026-11-23T15:00:00Z"), ZoneOffset.UTC)));
        APIGatewayV2HTTPResponse response = screened.handleRequest(TwilioEvents.load("incoming-call.json"), null);
        assertThat(response.getBody()).contains("url=\"http://localhost:3000/twilio/voice/screen\"")
                .contains("+19045550177</Number>");
        // Unscreened lines dial the number directly.
        assertThat(handler(Instant.parse("2026-11-23T15:00:00Z")).handleRequest(TwilioEvents.load("incoming-call.json"), null)
                .getBody()).doesNotContain("/twilio/voice/screen");
    }

    @Test
    void anUnsignedOrForgedCallIsRefusedWith403() {
        APIGatewayV2HTTPEvent forged = TwilioEvents.with(TwilioEvents.load("incoming-call.json"),
                Map.of("From", "+19045550124"), "not-the-token", BASE);
        APIGatewayV2HTTPResponse response = handler.handleRequest(forged, null);
        assertThat(response.getStatusCode()).isEqualTo(403);
        assertThat(response.getBody()).startsWith("Forbidden");

        APIGatewayV2HTTPEvent unsigned = TwilioEvents.load("incoming-call.json");
        Map<String, String> headers = new HashMap<>(unsigned.getHeaders());
        headers.remove("x-twilio-signature");
        unsigned.setHeaders(headers);
        assertThat(handler.handleRequest(unsigned, null).getStatusCode()).isEqualTo(403);
    }

    @Test
    void missingCallSidOrToIsA400AndAWrongMethodA405() {
        APIGatewayV2HTTPEvent noSid = TwilioEvents.with(TwilioEvents.load("incoming-call.json"),
                mapWithNull("CallSid"), TOKEN, BASE);
        APIGatewayV2HTTPResponse response = handler.handleRequest(noSid, null);
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getBody()).contains("CallSid");
        APIGatewayV2HTTPEvent noTo = TwilioEvents.with(TwilioEvents.load("incoming-call.json"), mapWithNull("To"), TOKEN, BASE);
        assertThat(handler.handleRequest(noTo, null).getStatusCode()).isEqualTo(400);

        APIGatewayV2HTTPEvent get = TwilioEvents.load("incoming-call.json");
        get.getRequestContext().getHttp().setMethod("GET");
        APIGatewayV2HTTPResponse wrong = handler.handleRequest(get, null);
        assertThat(wrong.getStatusCode()).isEqualTo(405);
        assertThat(wrong.getHeaders()).containsEntry("Allow", "POST");
    }

    @Test
    void theSampleEventIsSignedWithTheDocumentedSampleToken() {
        // events/README.md promises this, so `sam local invoke` works with the sample env-vars file.
        assertThat(handler.handleRequest(TwilioEvents.load("incoming-call.json"), null).getStatusCode()).isEqualTo(200);
    }

    private static Map<String, String> mapWithNull(String key) {
        Map<String, String> map = new HashMap<>();
        map.put(key, null);
        return map;
    }
}
