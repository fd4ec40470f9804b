package dev.switchboard.callstatus;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.switchboard.shared.calls.MissedCallTexts;
import dev.switchboard.shared.config.Lines;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.queue.JobQueue;
import dev.switchboard.shared.queue.SqsClients;
import dev.switchboard.shared.storage.CallRecords;
import dev.switchboard.shared.storage.DynamoDbClients;
import dev.switchboard.shared.storage.OnceOnly;
import dev.switchboard.shared.storage.Table;
import dev.switchboard.shared.testing.TwilioEvents;
import dev.switchboard.shared.testing.UnreachableAws;
import dev.switchboard.shared.twilio.TwilioRequestVerifier;
import dev.switchboard.shared.twilio.TwilioWebhook;
import dev.switchboard.shared.voice.CallbackUrls;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The status route with the sample events and storage down; progression itself runs against DynamoDB Local. */
class CallStatusHandlerTest {

    static final String TOKEN = TwilioEvents.SAMPLE_TOKEN;
    static final String BASE = TwilioEvents.SAMPLE_BASE_URL;

    static CallStatusHandler handler() {
        Settings settings = Settings.of(Map.of("TWILIO_FORWARD_TO", "+19045550177", "TWILIO_SMS_FROM", "+19045550200",
                "TWILIO_ACCOUNT_SID", "AC00000000000000000000000000000000", "TWILIO_AUTH_TOKEN", TOKEN,
                "SMS_QUEUE_URL", "http://127.0.0.1:9/000000000000/SmsQueue"));
        Lines lines = Lines.load(settings);
        Table outage = new Table(DynamoDbClients.create(UnreachableAws.settings(), Duration.ofMillis(300)), "t");
        Clock clock = Clock.fixed(Instant.parse("2026-11-22T20:02:00Z"), ZoneOffset.UTC);
        var sqs = SqsClients.create(UnreachableAws.settings(), Duration.ofMillis(300));
        return new CallStatusHandler(new TwilioWebhook(new TwilioRequestVerifier(BASE, List.of(TOKEN)), BASE), lines,
                new CallRecords(outage), new OnceOnly(outage, clock),
                new JobQueue(sqs, "http://127.0.0.1:9/000000000000/CrmQueue"),
                MissedCallTexts.fromSettings(settings, outage, sqs, lines, new CallbackUrls(BASE), clock), clock);
    }

    @Test
    void aStatusThatCannotBeRecordedIs503SoTheAlarmSeesIt() {
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
