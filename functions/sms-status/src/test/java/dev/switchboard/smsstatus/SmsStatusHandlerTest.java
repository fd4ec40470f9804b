package dev.switchboard.smsstatus;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.switchboard.shared.storage.DynamoDbClients;
import dev.switchboard.shared.storage.Table;
import dev.switchboard.shared.testing.TwilioEvents;
import dev.switchboard.shared.testing.UnreachableAws;
import dev.switchboard.shared.twilio.TwilioRequestVerifier;
import dev.switchboard.shared.twilio.TwilioWebhook;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The status handler with the committed sample events and the table unreachable: Twilio still gets a
 * 2xx. Status ordering against a real table is covered by the local-stack scenario tests.
 */
class SmsStatusHandlerTest {

    static final String TOKEN = TwilioEvents.SAMPLE_TOKEN;
    static final String BASE = TwilioEvents.SAMPLE_BASE_URL;

    final SmsStatusHandler handler = new SmsStatusHandler(
            new TwilioWebhook(new TwilioRequestVerifier(BASE, List.of(TOKEN)), BASE),
            new Table(DynamoDbClients.create(UnreachableAws.settings(), Duration.ofMillis(300)), "table"),
            Clock.systemUTC());

    @Test
    void theSampleCallbacksAreAcceptedEvenWhenTheTableIsDown() {
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
