package dev.switchboard.smsstatus;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.switchboard.shared.sms.MessageRecords.DeliveryStatus;
import dev.switchboard.shared.sms.MessageRecords.StatusOutcome;
import dev.switchboard.shared.testing.TwilioEvents;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The status handler with the committed sample events and the table in memory, or down: Twilio always gets
 * a 2xx. Status ordering against a real table is MessageRecordsTest's and the local-stack scenario tests'.
 */
class SmsStatusHandlerTest {

    static final String TOKEN = TwilioEvents.SAMPLE_TOKEN;
    static final String BASE = TwilioEvents.SAMPLE_BASE_URL;

    final List<DeliveryStatus> recorded = new ArrayList<>();
    RuntimeException tableOutage;

    final SmsStatusHandler handler = new SmsStatusHandler(
            TwilioEvents.sampleWebhook(),
            new DeliveryStatusService((status, now) -> {
                if (tableOutage != null) {
                    throw tableOutage;
                }
                recorded.add(status);
                return StatusOutcome.UPDATED;
            }, Clock.systemUTC()));

    @Test
    void theSampleCallbacksAreRecordedWithWhatTheirErrorMeans() {
        for (String sample : new String[] {"sms-status-delivered.json", "sms-status-undelivered.json"}) {
            APIGatewayV2HTTPResponse response = handler.handleRequest(TwilioEvents.load(sample), null);
            assertThat(response.getStatusCode()).as(sample).isEqualTo(204);
        }
        assertThat(recorded).extracting(DeliveryStatus::status).containsExactly("delivered", "undelivered");
        assertThat(recorded.get(1).errorCode()).isPresent();
        assertThat(recorded.get(1).errorDescription()).isPresent();
    }

    @Test
    void theSampleCallbacksAreAcceptedEvenWhenTheTableIsDown() {
        tableOutage = new IllegalStateException("table unreachable");
        for (String sample : new String[] {"sms-status-delivered.json", "sms-status-undelivered.json"}) {
            APIGatewayV2HTTPResponse response = handler.handleRequest(TwilioEvents.load(sample), null);
            assertThat(response.getStatusCode()).as(sample).isEqualTo(204);
        }
    }

    @Test
    void forgedAndIncompleteCallbacksAreRefused() {
        APIGatewayV2HTTPEvent forged = TwilioEvents.with(TwilioEvents.load("sms-status-delivered.json"),
                Map.of("MessageStatus", "failed"), "wrong-token", BASE);
        assertThat(handler.handleRequest(forged, null).getStatusCode()).isEqualTo(403);
        Map<String, String> noStatus = new HashMap<>();
        noStatus.put("MessageStatus", null);
        noStatus.put("SmsStatus", null);
        APIGatewayV2HTTPResponse missing = handler.handleRequest(TwilioEvents.with(
                TwilioEvents.load("sms-status-delivered.json"), noStatus, TOKEN, BASE), null);
        assertThat(missing.getStatusCode()).isEqualTo(400);
        APIGatewayV2HTTPEvent get = TwilioEvents.load("sms-status-delivered.json");
        get.getRequestContext().getHttp().setMethod("GET");
        assertThat(handler.handleRequest(get, null).getStatusCode()).isEqualTo(405);
    }
}
