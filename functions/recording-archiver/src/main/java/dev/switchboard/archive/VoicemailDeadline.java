package dev.switchboard.archive;

import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.jobs.AlertJob;
import dev.switchboard.shared.queue.JobQueue;
import dev.switchboard.shared.queue.JobSender;
import java.time.Duration;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Puts a voicemail's deadline alert job on the alert queue ({@code ALERT_QUEUE_URL}) with SQS's
 * {@code DelaySeconds} = {@code VOICEMAIL_ALERT_DEADLINE_SECONDS} (default {@value #DEFAULT_SECONDS}, at
 * most 900, SQS's limit): the alert goes out by then even when the transcript is slow, so staff hear of a
 * voicemail within three minutes of its archiving.
 */
final class VoicemailDeadline {

    static final int DEFAULT_SECONDS = 150;

    private VoicemailDeadline() {
    }

    static JobSender<AlertJob> fromSettings(Settings settings, SqsClient sqs) {
        JobQueue queue = new JobQueue(sqs, settings.required("ALERT_QUEUE_URL"));
        int delay = (int) settings.seconds("VOICEMAIL_ALERT_DEADLINE_SECONDS", Duration.ofSeconds(DEFAULT_SECONDS),
                Duration.ZERO, Duration.ofSeconds(900)).getSeconds();
        return job -> queue.send(job, delay);
    }
}
