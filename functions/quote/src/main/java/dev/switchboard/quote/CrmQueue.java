package dev.switchboard.quote;

import dev.switchboard.shared.jobs.CrmSyncJob;

/** The CRM queue ({@code CRM_QUEUE_URL}); the crm-sync worker turns each job into one CRM lead. */
public interface CrmQueue {

    /** @throws RuntimeException when the queue is unavailable */
    void send(CrmSyncJob job);
}
