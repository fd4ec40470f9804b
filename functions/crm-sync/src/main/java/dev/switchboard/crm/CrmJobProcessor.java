package dev.switchboard.crm;

import dev.switchboard.shared.jobs.CrmSyncJob;
import dev.switchboard.shared.queue.JobAttempt;

/** What the worker does with one CRM job, by {@code CRM_KIND}. */
public interface CrmJobProcessor {

    void process(CrmSyncJob job, JobAttempt attempt);
}
