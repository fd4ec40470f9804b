package dev.switchboard.crm;

import dev.switchboard.shared.jobs.CrmSyncJob;
import dev.switchboard.shared.logging.PhoneMask;
import dev.switchboard.shared.queue.JobAttempt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code CRM_KIND=none}, the template's default: each job is acknowledged with one INFO line. Nothing is
 * lost that the business owns — quotes stay as {@code LEAD#} items, calls as {@code CALL#} items and
 * transcripts in S3 — but jobs acknowledged now are not replayed when a CRM is configured later.
 */
public final class CrmNotConfigured implements CrmJobProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(CrmNotConfigured.class);

    @Override
    public void process(CrmSyncJob job, JobAttempt attempt) {
        LOG.info("CRM not configured (CRM_KIND=none): {} job {} for {} acknowledged; the lead stays in DynamoDB only."
                        + " Set CRM_KIND=rukovoditel or webhook to sync leads (docs/crm.md)",
                job.kind(), job.idempotencyKey(), PhoneMask.mask(job.phone()));
    }
}
