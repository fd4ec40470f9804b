package dev.switchboard.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.switchboard.emulators.AwsEmulators;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** {@code redrive} against ElasticMQ, while the cause of the failures is not fixed. */
class QueueRedriveIT {

    private AwsEmulators aws;
    private SqsClient sqs;
    private String queue;
    private String deadLetters;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private Thread worker;

    @BeforeEach
    void start() {
        aws = AwsEmulators.startInMemory();
        sqs = aws.sqs();
        queue = sqs.createQueue(b -> b.queueName("jobs")).queueUrl();
        deadLetters = sqs.createQueue(b -> b.queueName("jobs-dlq")).queueUrl();
        // A worker whose cause is not fixed: every job it gets goes straight back to the DLQ, as a worker does
        // with a job it cannot do.
        worker = new Thread(() -> {
            while (running.get()) {
                for (Message m : sqs.receiveMessage(b -> b.queueUrl(queue).waitTimeSeconds(1).maxNumberOfMessages(10)).messages()) {
                    sqs.sendMessage(b -> b.queueUrl(deadLetters).messageBody(m.body()));
                    sqs.deleteMessage(b -> b.queueUrl(queue).receiptHandle(m.receiptHandle()));
                }
            }
        }, "failing-worker");
        worker.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        running.set(false);
        worker.join();
        aws.close();
    }

    @Test
    void withoutMaxOnlyWhatWasInTheDlqMovesAndTheMoveEnds() {
        for (String job : List.of("job-1", "job-2", "job-3")) {
            sqs.sendMessage(b -> b.queueUrl(deadLetters).messageBody(job));
        }

        // Before, the move chased the jobs the worker kept sending back and never ended.
        QueueRedrive.Result result = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> QueueRedrive.move(sqs, deadLetters, queue, Integer.MAX_VALUE));

        assertThat(result.moved()).isEqualTo(3);
        assertThat(result.failedAgain()).isBetween(0, 3);
        Awaitility.await("the failed jobs back in the DLQ").atMost(Duration.ofSeconds(20))
                .until(() -> waiting(deadLetters) == 3 && waiting(queue) == 0);
    }

    private int waiting(String url) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }
}
