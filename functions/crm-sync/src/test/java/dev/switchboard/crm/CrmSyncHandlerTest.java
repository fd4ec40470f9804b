package dev.switchboard.crm;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.switchboard.crm.testing.FakeRukovoditel;
import dev.switchboard.crm.testing.Jobs;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.queue.Backoff;
import dev.switchboard.shared.queue.WorkerQueues;
import dev.switchboard.shared.testing.CapturedLogs;
import dev.switchboard.shared.testing.Emulators;
import dev.switchboard.shared.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.event.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/** The worker as Lambda runs it on a batch from CrmQueue (ElasticMQ), against the fake Rukovoditel. */
class CrmSyncHandlerTest {

    static final String KEY = "XgDXFsTbNRkMpRq81bBrmRAf56i5oS0oN9bp4jLH";
    static final String PASSWORD = "correct horse battery";
    /** Shared by the module's tests; each keeps to its own phone numbers. */
    static final Emulators emulators = Emulators.shared();

    final FakeRukovoditel crm = new FakeRukovoditel(KEY, "switchboard-api", PASSWORD);
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T18:00:00Z"));

    @AfterEach
    void stopCrm() {
        crm.close();
        purge("CrmQueue");
        purge("CrmDeadLetterQueue");
    }

    CrmSyncHandler handler(String apiKey) {
        return handler(apiKey, 0);
    }

    CrmSyncHandler handler(String apiKey, int maxReceiveCount) {
        Map<String, String> env = new HashMap<>(Map.of(
                "CRM_API_URL", crm.apiUrl(), "CRM_USERNAME", "switchboard-api", "CRM_API_KEY", apiKey,
                "CRM_PASSWORD", PASSWORD, "CRM_LEAD_ENTITY_ID", "34",
                "CRM_FIELD_MAP", "{\"name\":201,\"phone\":202,\"notes\":208}"));
        WorkerQueues queues = new WorkerQueues(emulators.aws().sqs(), url("CrmQueue"), url("CrmDeadLetterQueue"),
                new Backoff(Duration.ofSeconds(60), Duration.ofSeconds(7200)), maxReceiveCount);
        return new CrmSyncHandler(queues, CrmWiring.processor("rukovoditel", Settings.of(env), emulators.table(), clock));
    }

    String url(String logicalId) {
        return emulators.resources().queueUrl(logicalId);
    }

    void purge(String logicalId) {
        emulators.aws().sqs().purgeQueue(b -> b.queueUrl(url(logicalId)));
    }

    /** Puts jobs on CrmQueue and receives them as the event source mapping would hand them to the function. */
    SQSEvent batch(Object... jobs) {
        return emulators.delivered("CrmQueue", Arrays.stream(jobs).map(Json::write).toList());
    }

    List<Message> deadLetters() {
        return emulators.aws().sqs().receiveMessage(b -> b.queueUrl(url("CrmDeadLetterQueue")).maxNumberOfMessages(10)
                .messageAttributeNames("All").waitTimeSeconds(1)).messages();
    }

    @Test
    void anApiKeyMismatchGoesStraightToTheDlqWithOneErrorLineSayingWhatToFix() {
        try (CapturedLogs logs = CapturedLogs.start()) {
            SQSBatchResponse response = handler("wrong-key-1234567890").handleRequest(
                    batch(Jobs.quote("H1", "+19045550131", "2026-11-23T17:00:00Z")), null);
            assertThat(response.getBatchItemFailures()).isEmpty();
            assertThat(crm.requests()).hasSize(1);
            List<Message> dlq = deadLetters();
            assertThat(dlq).hasSize(1);
            String reason = dlq.get(0).messageAttributes().get("failure-reason").stringValue();
            assertThat(reason).contains("Rukovoditel says 'API Key mismatch'").contains("check CRM_API_KEY")
                    .doesNotContain("wrong-key-1234567890").doesNotContain(KEY).doesNotContain(PASSWORD);
            assertThat(logs.at(Level.ERROR)).singleElement().satisfies(l -> assertThat(l.text())
                    .contains("sent to the dead-letter queue").contains("API Key mismatch").contains("check CRM_API_KEY"));
            assertThat(logs.all()).doesNotContain("wrong-key-1234567890").doesNotContain(PASSWORD)
                    .doesNotContain("+19045550131");
        }
    }

    @Test
    void oneFailingLeadNeverHoldsBackTheRestOfItsBatch() {
        crm.failNext(1, 503, "text/html", "<h1>Service Unavailable</h1>");
        try (CapturedLogs logs = CapturedLogs.start()) {
            SQSEvent event = batch(Jobs.call("CAH2", "+19045550132", "2026-11-23T17:00:00Z", "missed"),
                    Jobs.call("CAH3", "+19045550133", "2026-11-23T17:01:00Z", "answered"));
            String first = event.getRecords().get(0).getMessageId();
            SQSBatchResponse response = handler(KEY).handleRequest(event, null);
            assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                    .containsExactly(first);
            assertThat(crm.records()).hasSize(1);
            assertThat(deadLetters()).isEmpty();
            assertThat(logs.at(Level.WARN)).singleElement().satisfies(l -> assertThat(l.text())
                    .contains("will be retried in").contains("HTTP 503"));
            assertThat(logs.at(Level.INFO)).anySatisfy(l -> assertThat(l.text()).contains("created for +1******0133"));
            assertThat(logs.all()).doesNotContain(KEY).doesNotContain(PASSWORD);
        }
    }

    @Test
    void aJobOnItsLastReceiveIsAnErrorNamingTheCauseNotARetry() {
        crm.failNext(1, 503, "text/html", "<h1>Service Unavailable</h1>");
        try (CapturedLogs logs = CapturedLogs.start()) {
            // The queue's maxReceiveCount (QUEUE_MAX_RECEIVE_COUNT) is 1 here: the first receive is the last.
            SQSEvent event = batch(Jobs.call("CAH4", "+19045550134", "2026-11-23T17:00:00Z", "missed"));
            SQSBatchResponse response = handler(KEY, 1).handleRequest(event, null);
            assertThat(response.getBatchItemFailures()).hasSize(1);
            assertThat(logs.at(Level.ERROR)).singleElement().satisfies(l -> assertThat(l.text())
                    .contains("failed on its last receive (1 of 1)").contains("dead-letter queue").contains("HTTP 503"));
            assertThat(logs.all()).doesNotContain("will be retried");
        }
    }
}
