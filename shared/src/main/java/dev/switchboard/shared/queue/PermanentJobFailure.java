package dev.switchboard.shared.queue;

/**
 * A job that can never succeed as it stands (a provider's 4xx, bad credentials, a malformed job): it goes
 * straight to the dead-letter queue with this message as the reason, instead of being retried.
 */
public class PermanentJobFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PermanentJobFailure(String reason) {
        super(reason);
    }

    public PermanentJobFailure(String reason, Throwable cause) {
        super(reason, cause);
    }
}
