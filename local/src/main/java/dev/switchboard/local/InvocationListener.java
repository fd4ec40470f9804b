package dev.switchboard.local;

/**
 * Observes every handler invocation of a {@link LocalStack} (HTTP and SQS), e.g. for tests that wait for
 * a queue worker to run. Called on the invoking thread after the handler returns; keep it quick.
 */
@FunctionalInterface
public interface InvocationListener {

    void onInvocation(Invocation invocation);

    InvocationListener NONE = invocation -> { };
}
