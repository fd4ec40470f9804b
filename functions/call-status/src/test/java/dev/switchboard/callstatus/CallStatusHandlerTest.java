package dev.switchboard.callstatus;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.shared.config.Lines;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.storage.CallRecord;
import dev.switchboard.shared.storage.CallRecords.StatusUpdate;
import dev.switchboard.shared.storage.OnceOnly;
import dev.switchboard.shared.testing.CapturedLogs;
import dev.switchboard.shared.testing.InMemoryOnceMarkers;
import dev.switchboard.shared.testing.TwilioEvents;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The status route with the sample events: parsing, the gate and the answer; the rules are CallStatusServiceTest's. */
class CallStatusHandlerTest {

    static final String TOKEN = TwilioEvents.SAMPLE_TOKEN;
    static final String BASE = TwilioEvents.SAMPLE_BASE_URL;

    RuntimeException tableOutage;

    CallStatusHandler handler() {
        Clock clock = Clock.systemUTC();
        CallStatusStore calls = new CallStatusStore() {
            @Override
            public boolean applyStatus(StatusUpdate update, Instant now) {
                if (tableOutage != null) {
                    throw tableOutage;
                }
                return true;
            }

            @Override
            public Optional<CallRecord> find(String callSid) {
                return Optional.empty();
            }
        };
        return new CallStatusHandler(TwilioEvents.sampleWebhook(),
                new CallStatusService(calls, Lines.load(Settings.of(Map.of())), new OnceOnly(new InMemoryOnceMarkers(clock)),
                        job -> { }, (line, callSid, caller, occasion, now) -> null, clock));
    }

    @Test
    void aRecordedStatusIs200() {
        assertThat(handler().handleRequest(TwilioEvents.load("call-status-ringing.json"), null).getStatusCode())
                .isEqualTo(200);
    }

    @Test
    void everyLineLoggedForTheCallbackCarriesTheCallSidAsAField() throws Exception {
        try (CapturedLogs logs = CapturedLogs.start()) {
            handler().handleRequest(TwilioEvents.load("call-status-ringing.json"), null);
            List<JsonNode> lines = new ArrayList<>();
            for (String line : logs.stdout().split("\n")) {
                lines.add(Json.MAPPER.readTree(line));
            }
            assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(line.path("callSid").asText())
                    .isEqualTo("CA11111111111111111111111111111111"));
            assertThat(lines).anySatisfy(line -> assertThat(line.path("message").asText()).contains("status ringing"));
        }
        assertThat(MDC.get("callSid")).as("cleared after the invocation").isNull();
    }

    @Test
    void aStatusThatCannotBeRecordedIs503SoTheAlarmSeesIt() {
        tableOutage = new IllegalStateException("table unreachable");
        APIGatewayV2HTTPResponse response = handler().handleRequest(TwilioEvents.load("call-status-completed.json"), null);
        assertThat(response.getStatusCode()).isEqualTo(503);
    }

    @Test
    void badInputIs400AndForgedIs403() {
        APIGatewayV2HTTPEvent bad = TwilioEvents.with(TwilioEvents.load("call-status-completed.json"),
                Map.of("SequenceNumber", "three"), TOKEN, BASE);
        APIGatewayV2HTTPResponse response = handler().handleRequest(bad, null);
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getBody()).contains("SequenceNumber");
        APIGatewayV2HTTPEvent forged = TwilioEvents.with(TwilioEvents.load("call-status-ringing.json"), Map.of(),
                "not-the-token", BASE);
        assertThat(handler().handleRequest(forged, null).getStatusCode()).isEqualTo(403);
    }
}
