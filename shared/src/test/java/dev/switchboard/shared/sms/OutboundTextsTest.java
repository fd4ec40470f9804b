package dev.switchboard.shared.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.shared.jobs.SmsJob;
import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.queue.JobQueue;
import dev.switchboard.shared.queue.PermanentJobFailure;
import dev.switchboard.shared.queue.RetryLater;
import dev.switchboard.shared.storage.Item;
import dev.switchboard.shared.storage.OptOuts;
import dev.switchboard.shared.storage.Table;
import dev.switchboard.shared.testing.Emulators;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The rules every text obeys, with the table and the SMS queue in DynamoDB Local and ElasticMQ and the
 * Messages API as a scripted {@link TextGateway} (TwilioTextGateway's own test runs it against a fake Twilio).
 */
class OutboundTextsTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T20:00:00Z"), ZoneOffset.UTC);
    static final String OWNER = "+19045550177";

    final Emulators aws = Emulators.shared();
    final Table table = aws.table();
    final JobQueue smsQueue = new JobQueue(aws.aws().sqs(), aws.queueUrl("SmsQueue"));
    final Gateway gateway = new Gateway();
    /** A fresh recipient per test (the daily cap and opt-outs are per number). */
    final String to = "+1904555" + String.format("%04d", (int) (Math.random() * 10_000));
    final String key = "test:" + UUID.randomUUID();

    OutboundTexts texts(Table on, JobQueue queue, int cap) {
        return new OutboundTexts(gateway, new TextLedger(on), new OptOuts(on), new DailyTextCap(on, cap), queue,
                OWNER::equals, CLOCK);
    }

    OutboundTexts texts() {
        return texts(table, smsQueue, 10);
    }

    OutgoingText text(String key, String recipient) {
        return new OutgoingText(key, "test", recipient, Optional.of("+19045550200"), Optional.empty(), "Hello " + key,
                "https://example.com/twilio/sms/status");
    }

    Map<String, AttributeValue> ledger(String key) {
        return new TextLedger(table).find(key).orElseThrow();
    }

    List<SmsJob> queuedFor(String key) throws Exception {
        List<SmsJob> jobs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            List<Message> messages = aws.aws().sqs().receiveMessage(b -> b.queueUrl(smsQueue.url())
                    .maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
            for (Message m : messages) {
                SmsJob job = Json.MAPPER.readValue(m.body(), SmsJob.class);
                if (job.key().equals(key)) {
                    jobs.add(job);
                    aws.aws().sqs().deleteMessage(b -> b.queueUrl(smsQueue.url()).receiptHandle(m.receiptHandle()));
                }
            }
        }
        return jobs;
    }

    @Test
    void aTextIsSentOncePerKeyAndItsMessageRecorded() {
        gateway.next.add(SendAttempt.sent("SM1", "queued"));
        SendResult first = texts().send(text(key, to));
        SendResult again = texts().send(text(key, to));
        assertThat(first.status()).isEqualTo(SendResult.Status.SENT);
        assertThat(first.sid()).contains("SM1");
        assertThat(again.status()).isEqualTo(SendResult.Status.DUPLICATE);
        assertThat(again.sent()).isTrue();
        assertThat(gateway.sent).hasSize(1);
        assertThat(ledger(key)).containsEntry("state", Item.s("sent")).containsEntry("sid", Item.s("SM1"));
        assertThat(new MessageRecords(table).find("SM1").orElseThrow()).containsEntry("direction", Item.s("outbound"))
                .containsEntry("textKey", Item.s(key)).containsEntry("status", Item.s("queued"));
    }

    @Test
    void anOptedOutNumberIsNeverTexted() {
        new OptOuts(table).optOut(to, "sms-stop", CLOCK.instant());
        assertThat(texts().send(text(key, to)).status()).isEqualTo(SendResult.Status.OPTED_OUT);
        assertThat(gateway.sent).isEmpty();
    }

    @Test
    void theDailyCapStopsTheThirdTextButNotTheOwnersForwards() {
        OutboundTexts capped = texts(table, smsQueue, 2);
        gateway.next.add(SendAttempt.sent("SM2", "queued"));
        gateway.next.add(SendAttempt.sent("SM3", "queued"));
        assertThat(capped.send(text(key + "-1", to)).status()).isEqualTo(SendResult.Status.SENT);
        assertThat(capped.send(text(key + "-2", to)).status()).isEqualTo(SendResult.Status.SENT);
        assertThat(capped.send(text(key + "-3", to)).status()).isEqualTo(SendResult.Status.CAPPED);
        assertThat(ledger(key + "-3")).containsEntry("state", Item.s("skipped"));
        for (int i = 0; i < 3; i++) {
            gateway.next.add(SendAttempt.sent("SM-owner-" + i, "queued"));
            assertThat(capped.send(text(key + "-owner-" + i, OWNER)).status()).isEqualTo(SendResult.Status.SENT);
        }
    }

    @Test
    void aTwilioOptOutIsRecordedSoNothingIsTriedAgain() {
        gateway.next.add(SendAttempt.failed(SendAttempt.Outcome.OPTED_OUT, 21610, "unsubscribed"));
        assertThat(texts().send(text(key, to)).status()).isEqualTo(SendResult.Status.OPTED_OUT);
        assertThat(new OptOuts(table).isOptedOut(to)).isTrue();
        assertThat(texts().send(text(key + "-later", to)).status()).isEqualTo(SendResult.Status.OPTED_OUT);
        assertThat(gateway.sent).hasSize(1);
    }

    @Test
    void anAmbiguousSendIsQueuedAndTheRetryLooksBeforeItResends() throws Exception {
        gateway.next.add(SendAttempt.failed(SendAttempt.Outcome.AMBIGUOUS, null, "timeout"));
        SendResult result = texts().send(text(key, to));
        assertThat(result.status()).isEqualTo(SendResult.Status.QUEUED);
        assertThat(ledger(key)).containsEntry("state", Item.s("queued")).containsEntry("ambiguous", Item.bool(true));
        SmsJob job = queuedFor(key).get(0);

        gateway.recent = Optional.of("SM-found");
        SendResult retried = texts().retry(job);
        assertThat(retried.status()).isEqualTo(SendResult.Status.SENT);
        assertThat(retried.sid()).contains("SM-found");
        assertThat(gateway.sent).as("never sent a second time").hasSize(1);
        assertThat(texts().retry(job).status()).isEqualTo(SendResult.Status.DUPLICATE);
    }

    @Test
    void aTextWhoseClaimCannotBeWrittenIsQueuedNeverSentUnguarded() throws Exception {
        Table down = new Table(table.client(), "no-such-table-" + UUID.randomUUID());
        SendResult result = texts(down, smsQueue, 10).send(text(key, to));
        assertThat(result.status()).isEqualTo(SendResult.Status.QUEUED);
        assertThat(gateway.sent).isEmpty();
        SmsJob job = queuedFor(key).get(0);
        assertThat(job.to()).isEqualTo(to);

        // Once the table is back, the worker claims and sends it.
        gateway.next.add(SendAttempt.sent("SM4", "queued"));
        assertThat(texts().retry(job).status()).isEqualTo(SendResult.Status.SENT);
        assertThat(gateway.sent).hasSize(1);
    }

    @Test
    void withTheQueueDownTooTheTextIsReportedFailed() {
        Table down = new Table(table.client(), "no-such-table-" + UUID.randomUUID());
        JobQueue gone = new JobQueue(aws.aws().sqs(), smsQueue.url() + "-missing");
        assertThat(texts(down, gone, 10).send(text(key, to)).status()).isEqualTo(SendResult.Status.FAILED);
        assertThat(gateway.sent).isEmpty();
    }

    @Test
    void aRetryWhileTheTableIsDownSendsNothingAndFailsToBeTriedAgain() {
        Table down = new Table(table.client(), "no-such-table-" + UUID.randomUUID());
        SmsJob job = new SmsJob(key, "test", to, "+19045550200", null, "Hi", null, CLOCK.instant().toString());
        assertThatThrownBy(() -> texts(down, smsQueue, 10).retry(job)).isInstanceOf(SdkException.class);
        assertThat(gateway.sent).isEmpty();
    }

    @Test
    void theRetryWaitsOnTwilioAndGivesUpOnRefusals() {
        SmsJob job = new SmsJob(key, "test", to, "+19045550200", null, "Hi", null, CLOCK.instant().toString());
        gateway.next.add(SendAttempt.failed(SendAttempt.Outcome.RETRYABLE, 20429, "too many requests"));
        assertThatThrownBy(() -> texts().retry(job)).isInstanceOf(RetryLater.class);
        gateway.next.add(SendAttempt.failed(SendAttempt.Outcome.AUTH_FAILED, 20003, "authenticate"));
        assertThatThrownBy(() -> texts().retry(job)).isInstanceOf(PermanentJobFailure.class)
                .hasMessageContaining("credentials");
        gateway.next.add(SendAttempt.failed(SendAttempt.Outcome.REJECTED, 21602, "body required"));
        assertThatThrownBy(() -> texts().retry(job)).isInstanceOf(PermanentJobFailure.class);
        assertThat(ledger(key)).containsEntry("state", Item.s("failed"));
    }

    /** The Messages API, scripted: each send takes the next attempt (sent by default). */
    static final class Gateway implements TextGateway {
        final Deque<SendAttempt> next = new ArrayDeque<>();
        final List<OutgoingText> sent = new ArrayList<>();
        Optional<String> recent = Optional.empty();

        @Override
        public SendAttempt send(OutgoingText text) {
            sent.add(text);
            return next.isEmpty() ? SendAttempt.sent("SM" + sent.size(), "queued") : next.poll();
        }

        @Override
        public Optional<String> findRecent(OutgoingText text, Instant since) {
            return recent;
        }
    }
}
