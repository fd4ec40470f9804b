package dev.switchboard.shared.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.shared.jobs.CrmSyncJob;
import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.testing.CapturedLogs;
import dev.switchboard.shared.testing.Emulators;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The queue worker base against ElasticMQ with the template's CRM queue and its DLQ: each message on its
 * own, only failures reported, hopeless jobs dead-lettered with their reason, transient ones delayed by the
 * backoff, and every log line written for a job carrying its identifiers as fields.
 */
class SqsJobHandlerTest {

    final Emulators aws = Emulators.shared();
    final SqsClient sqs = aws.aws().sqs();
    final String queueUrl = aws.queueUrl("CrmQueue");
    final String deadLetterUrl = aws.queueUrl("CrmDeadLetterQueue");
    final List<String> processed = new ArrayList<>();

    /** What the job does depends on its call: {@code ok-*}, {@code permanent-*}, {@code later-*}, {@code boom-*}. */
    final SqsJobHandler<CrmSyncJob> handler = new SqsJobHandler<>(CrmSyncJob.TYPE,
            new WorkerQueues(sqs, queueUrl, deadLetterUrl, new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(15)))) {
        @Override
        protected void process(CrmSyncJob job, JobAttempt attempt) {
            String callSid = ((CrmSyncJob.Call) job).callSid();
            LoggerFactory.getLogger("dev.switchboard.test.Worker").info("Working on the call");
            processed.add(callSid + " attempt " + attempt.attempt());
            if (callSid.startsWith("permanent")) {
                throw new PermanentJobFailure("the CRM refused it");
            }
            if (callSid.startsWith("later")) {
                throw new RetryLater("the CRM is busy", null, Duration.ofMinutes(5));
            }
            if (callSid.startsWith("boom")) {
                throw new IllegalStateException("a bug");
            }
        }
    };

    String callSid(String outcome) {
        return outcome + "-" + UUID.randomUUID();
    }

    String job(String callSid) {
        return Json.write(new CrmSyncJob.Call(callSid, "2026-11-22T20:00:00Z", "+19045550123", null, "missed", 0));
    }

    /** Puts the bodies on the queue and receives them, as Lambda's event source mapping hands them over. */
    SQSEvent delivered(String... bodies) {
        sqs.purgeQueue(b -> b.queueUrl(queueUrl));
        return aws.delivered("CrmQueue", List.of(bodies));
    }

    String idOf(SQSEvent event, String body) {
        return event.getRecords().stream().filter(r -> r.getBody().equals(body)).findFirst().orElseThrow().getMessageId();
    }

    List<Message> deadLettered() {
        List<Message> all = new ArrayList<>();
        List<Message> batch;
        do {
            batch = sqs.receiveMessage(b -> b.queueUrl(deadLetterUrl).maxNumberOfMessages(10).waitTimeSeconds(0)
                    .messageAttributeNames("All")).messages();
            all.addAll(batch);
            batch.forEach(m -> sqs.deleteMessage(b -> b.queueUrl(deadLetterUrl).receiptHandle(m.receiptHandle())));
        } while (!batch.isEmpty());
        return all;
    }

    @Test
    void onlyTheFailedJobsOfABatchAreReportedAndHopelessOnesGoToTheDeadLetterQueueWithTheirReason() {
        String ok = job(callSid("ok"));
        String permanent = job(callSid("permanent"));
        String later = job(callSid("later"));
        String boom = job(callSid("boom"));
        String malformed = "{\"kind\":\"call\",\"phone\":\"not a number\"}";
        deadLettered();
        SQSEvent event = delivered(ok, permanent, later, boom, malformed);

        SQSBatchResponse response = handler.handleRequest(event, null);

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactlyInAnyOrder(idOf(event, later), idOf(event, boom));
        assertThat(processed).hasSize(4).allMatch(p -> p.endsWith("attempt 1"));
        List<Message> dead = deadLettered();
        assertThat(dead).extracting(Message::body).containsExactlyInAnyOrder(permanent, malformed);
        Message refused = dead.stream().filter(m -> m.body().equals(permanent)).findFirst().orElseThrow();
        assertThat(refused.messageAttributes().get("failure-reason").stringValue()).isEqualTo("the CRM refused it");
        assertThat(refused.messageAttributes().get("original-message-id").stringValue()).isEqualTo(idOf(event, permanent));
        assertThat(refused.messageAttributes().get("source-queue").stringValue()).isEqualTo(queueUrl);
        Message unreadable = dead.stream().filter(m -> m.body().equals(malformed)).findFirst().orElseThrow();
        assertThat(unreadable.messageAttributes().get("failure-reason").stringValue())
                .startsWith("malformed CrmSyncJob: ");
    }

    @Test
    void aJobToRetryIsHiddenForItsBackoffNotRedeliveredAtOnce() {
        String later = job(callSid("later"));
        String boom = job(callSid("boom"));
        handler.handleRequest(delivered(later, boom), null);
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.ALL)).attributes();
        assertThat(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).isEqualTo("2");
        assertThat(sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(0)).messages()).isEmpty();
    }

    @Test
    void everyLogLineAboutAJobCarriesItsIdentifiersAsFieldsAndOnlyWhileItIsHandled() throws Exception {
        String first = callSid("ok");
        String second = callSid("ok");
        try (CapturedLogs logs = CapturedLogs.start()) {
            handler.handleRequest(delivered(job(first), job(second)), null);
            List<JsonNode> lines = new ArrayList<>();
            for (String line : logs.stdout().split("\n")) {
                if (line.contains("Working on the call")) {
                    lines.add(Json.MAPPER.readTree(line));
                }
            }
            assertThat(lines).extracting(line -> line.path("callSid").asText())
                    .containsExactlyInAnyOrder(first, second);
        }
        assertThat(MDC.get("callSid")).isNull();
    }

    @Test
    void theJobTypeOnTheQueueNamesTheRecord() {
        assertThat(JobQueue.typeName(CrmSyncJob.Call.class)).isEqualTo("CrmSyncJob.Call");
        assertThat(JobQueue.typeName(Backoff.class)).isEqualTo("Backoff");
    }
}
