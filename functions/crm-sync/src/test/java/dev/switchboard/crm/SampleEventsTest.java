package dev.switchboard.crm;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.switchboard.shared.jobs.CrmSyncJob;
import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.queue.Backoff;
import dev.switchboard.shared.queue.SqsClients;
import dev.switchboard.shared.queue.WorkerQueues;
import dev.switchboard.shared.testing.CapturedLogs;
import dev.switchboard.shared.testing.TwilioEvents;
import dev.switchboard.shared.testing.UnreachableAws;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import org.slf4j.event.Level;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The CRM queue's sample events: one per job kind, valid jobs, and what the default worker does with them. */
class SampleEventsTest {

    static SQSEvent load(String name) {
        return EventLoader.loadSQSEvent(TwilioEvents.projectRoot().resolve("events").resolve(name).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"crm-sync-quote.json", "crm-sync-call.json", "crm-sync-transcript.json"})
    void eachSampleIsAValidJobFromCrmQueue(String name) throws Exception {
        SQSEvent event = load(name);
        assertThat(event.getRecords()).hasSize(1);
        SQSEvent.SQSMessage message = event.getRecords().get(0);
        assertThat(message.getEventSourceArn()).endsWith(":CrmQueue");
        assertThat(message.getEventSource()).isEqualTo("aws:sqs");
        assertThat(message.getMd5OfBody()).isEqualTo(String.format("%032x", new BigInteger(1,
                MessageDigest.getInstance("MD5").digest(message.getBody().getBytes(StandardCharsets.UTF_8)))));
        CrmSyncJob job = Json.MAPPER.readValue(message.getBody(), CrmSyncJob.class);
        job.validate();
        assertThat(name).contains(job.kind());
        assertThat(job.phone()).startsWith("+1904555");
        assertThat(job.idempotencyKey()).startsWith(job.kind() + ":");
    }

    @ParameterizedTest
    @ValueSource(strings = {"crm-sync-quote.json", "crm-sync-call.json", "crm-sync-transcript.json"})
    void withoutACrmEachJobIsAcknowledgedWithOneInfoLine(String name) {
        WorkerQueues queues = new WorkerQueues(SqsClients.create(UnreachableAws.settings(), Duration.ofMillis(300)),
                "http://127.0.0.1:9/000000000000/CrmQueue", "http://127.0.0.1:9/000000000000/CrmDeadLetterQueue",
                new Backoff(Duration.ofSeconds(60), Duration.ofSeconds(7200)));
        try (CapturedLogs logs = CapturedLogs.start()) {
            SQSBatchResponse response = new CrmSyncHandler(queues, new CrmNotConfigured()).handleRequest(load(name), null);
            assertThat(response.getBatchItemFailures()).isEmpty();
            assertThat(logs.lines()).singleElement().satisfies(line -> {
                assertThat(line.level()).isEqualTo(Level.INFO);
                assertThat(line.text()).contains("CRM not configured").contains("+1******0123").doesNotContain("+19045550123");
            });
        }
    }
}
