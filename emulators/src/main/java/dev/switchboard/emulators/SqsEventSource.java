package dev.switchboard.emulators;

import java.util.List;

/** One {@code SQS} event of a function: the queue (by logical id), batch size and response types. */
public record SqsEventSource(String functionLogicalId, String eventName, String queueLogicalId, int batchSize,
        List<String> functionResponseTypes, boolean enabled) {

    /** Lambda's default batch size for standard queues. */
    public static final int DEFAULT_BATCH_SIZE = 10;

    public boolean reportsBatchItemFailures() {
        return functionResponseTypes.contains("ReportBatchItemFailures");
    }
}
