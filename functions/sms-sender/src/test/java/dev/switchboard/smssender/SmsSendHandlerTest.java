package dev.switchboard.smssender;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.switchboard.shared.jobs.SmsJob;
import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.queue.Backoff;
import dev.switchboard.shared.queue.PermanentJobFailure;
import dev.switchboard.shared.queue.WorkerQueues;
import dev.switchboard.shared.sms.SendResult;
import dev.switchboard.shared.testing.TwilioEvents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityRequest;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

/**
 * The SMS worker with the committed sample event, the texts and the queues in memory: a text that cannot be
 * sent for now is reported failed and its retry delayed, never dropped; a refused one goes to the DLQ. That
 * a retry with the table down sends nothing is OutboundTextsTest's; sending exactly once against a real table
 * and queue is covered by the local-stack scenario tests.
 */
class SmsSendHandlerTest {

    static final String QUEUE = "https://sqs.us-east-1.amazonaws.com/000000000000/SmsQueue";
    static final String DEAD_LETTERS = "https://sqs.us-east-1.amazonaws.com/000000000000/SmsDeadLetterQueue";

    /** SQS as the worker uses it: retry delays and dead letters, recorded. */
    static final class RecordingSqs implements SqsClient {
        final List<ChangeMessageVisibilityRequest> delays = new ArrayList<>();
        final List<SendMessageRequest> sent = new ArrayList<>();

        @Override
        public ChangeMessageVisibilityResponse changeMessageVisibility(ChangeMessageVisibilityRequest request) {
            delays.add(request);
            return ChangeMessageVisibilityResponse.builder().build();
        }

        @Override
        public SendMessageResponse sendMessage(SendMessageRequest request) {
            sent.add(request);
            return SendMessageResponse.builder().messageId("dead-letter-1").build();
        }

        @Override
        public String serviceName() {
            return "sqs";
        }

        @Override
        public void close() {
        }
    }

    final RecordingSqs sqs = new RecordingSqs();
    final WorkerQueues queues = new WorkerQueues(sqs, QUEUE, DEAD_LETTERS,
            new Backoff(Duration.ofSeconds(20), Duration.ofMinutes(15)));
    final List<SmsJob> tried = new ArrayList<>();
    final SQSEvent event = EventLoader.loadSQSEvent(
            TwilioEvents.projectRoot().resolve("events/sms-sender-job.json").toString());

    SQSBatchResponse handle(TextRetry texts) {
        return new SmsSendHandler(queues, job -> {
            tried.add(job);
            return texts.retry(job);
        }).handleRequest(event, null);
    }

    @Test
    void theSampleJobIsAValidSmsJobOnTheSmsQueue() throws Exception {
        SQSEvent.SQSMessage message = event.getRecords().get(0);
        assertThat(message.getEventSourceArn()).endsWith(":SmsQueue");
        Json.MAPPER.readValue(message.getBody(), SmsJob.class).validate();
    }

    @Test
    void aJobIsRetriedNotDroppedWhileTheTableIsDown() {
        SQSBatchResponse response = handle(job -> {
            // What the ledger's first read throws while DynamoDB cannot be reached.
            throw SdkClientException.create("Unable to execute HTTP request: Connect to dynamodb failed");
        });

        SQSEvent.SQSMessage message = event.getRecords().get(0);
        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly(message.getMessageId());
        assertThat(tried).singleElement().satisfies(job -> assertThat(job.key()).isEqualTo("quote:Q-0123456789abcdef0123"));
        assertThat(sqs.delays).singleElement().satisfies(delay -> {
            assertThat(delay.queueUrl()).isEqualTo(QUEUE);
            assertThat(delay.receiptHandle()).isEqualTo(message.getReceiptHandle());
            assertThat(delay.visibilityTimeout()).isBetween(16, 24);
        });
        assertThat(sqs.sent).isEmpty();
    }

    @Test
    void aSentTextIsAcknowledged() {
        SQSBatchResponse response = handle(job -> new SendResult(SendResult.Status.SENT, Optional.of("SM1"), "queued"));
        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(tried).hasSize(1);
        assertThat(sqs.delays).isEmpty();
        assertThat(sqs.sent).isEmpty();
    }

    @Test
    void aRefusedTextGoesToTheDeadLetterQueueWithTheReason() {
        SQSBatchResponse response = handle(job -> {
            throw new PermanentJobFailure("Twilio rejected our credentials (20003)");
        });
        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(sqs.sent).singleElement().satisfies(dead -> {
            assertThat(dead.queueUrl()).isEqualTo(DEAD_LETTERS);
            assertThat(dead.messageBody()).isEqualTo(event.getRecords().get(0).getBody());
            assertThat(dead.messageAttributes().get("failure-reason").stringValue()).contains("20003");
        });
    }
}
