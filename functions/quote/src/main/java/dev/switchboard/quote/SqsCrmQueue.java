package dev.switchboard.quote;

import dev.switchboard.shared.jobs.CrmSyncJob;
import dev.switchboard.shared.queue.JobQueue;

/** {@link CrmQueue} on SQS ({@code CRM_QUEUE_URL}). */
public final class SqsCrmQueue implements CrmQueue {

    private final JobQueue queue;

    public SqsCrmQueue(JobQueue queue) {
        this.queue = queue;
    }

    @Override
    public void send(CrmSyncJob job) {
        queue.send(job);
    }
}
