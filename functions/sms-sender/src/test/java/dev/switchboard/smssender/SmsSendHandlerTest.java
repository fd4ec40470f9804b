package dev.switchboard.smssender;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.jobs.SmsJob;
import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.queue.Backoff;
import dev.switchboard.shared.queue.JobQueue;
import dev.switchboard.shared.queue.SqsClients;
import dev.switchboard.shared.queue.WorkerQueues;
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
import dev.switchboard.shared.twilio.TwilioRestClients;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The SMS worker with the committed sample event while the table is unreachable: the text is neither sent
 * blind nor dropped, the message is reported failed so SQS delivers it again. Sending exactly once against
 * a real table and queue is covered by the local-stack scenario tests.
 */
class SmsSendHandlerTest {

    static final FakeTwilioApi TWILIO = new FakeTwilioApi();

    @AfterAll
    static void stop() {
        TWILIO.close();
    }

    @Test
    void theSampleJobIsAValidSmsJobOnTheSmsQueue() throws Exception {
        SQSEvent event = EventLoader.loadSQSEvent(TwilioEvents.projectRoot().resolve("events/sms-sender-job.json").toString());
        SQSEvent.SQSMessage message = event.getRecords().get(0);
        assertThat(message.getEventSourceArn()).endsWith(":SmsQueue");
        Json.MAPPER.readValue(message.getBody(), SmsJob.class).validate();
    }

    @Test
    void aJobIsRetriedNotDroppedWhileTheTableIsDown() {
        Table outage = new Table(DynamoDbClients.create(UnreachableAws.settings(), Duration.ofMillis(300)), "table");
        OutboundTexts texts = new OutboundTexts(new TwilioTextGateway(TwilioRestClients.create(Settings.of(Map.of(
                "TWILIO_ACCOUNT_SID", FakeTwilioApi.ACCOUNT_SID, "TWILIO_AUTH_TOKEN", "token",
                "TWILIO_API_BASE_URL", TWILIO.baseUrl())))), new TextLedger(outage), new OptOuts(outage),
                new DailyTextCap(outage, 10), new JobQueue(SqsClients.create(UnreachableAws.settings(), Duration.ofMillis(300)),
                "http://127.0.0.1:9/000000000000/SmsQueue"), phone -> false, Clock.systemUTC());
        WorkerQueues queues = new WorkerQueues(SqsClients.create(UnreachableAws.settings(), Duration.ofMillis(300)),
                "http://127.0.0.1:9/000000000000/SmsQueue", "http://127.0.0.1:9/000000000000/SmsDeadLetterQueue",
                new Backoff(Duration.ofSeconds(20), Duration.ofMinutes(15)));
        SQSEvent event = EventLoader.loadSQSEvent(TwilioEvents.projectRoot().resolve("events/sms-sender-job.json").toString());

        SQSBatchResponse response = new SmsSendHandler(queues, texts).handleRequest(event, null);

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly(event.getRecords().get(0).getMessageId());
        assertThat(TWILIO.sentMessages()).isEmpty();
    }
}
