package dev.switchboard.shared.queue;

/**
 * One delivery of a job.
 *
 * @param attempt SQS's ApproximateReceiveCount: 1 on the first delivery
 */
public record JobAttempt(String messageId, int attempt) {
}
