package dev.switchboard.shared.queue;

/**
 * Where a service puts jobs of one type: a {@link JobQueue} in Lambda ({@code queue::send}), a list in
 * tests.
 */
@FunctionalInterface
public interface JobSender<J extends Job> {

    /** @throws RuntimeException when the queue cannot be reached: nothing was sent */
    void send(J job);
}
