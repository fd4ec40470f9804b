package dev.switchboard.crm;

import dev.switchboard.crm.lead.LeadPush;
import java.util.Optional;

/**
 * Where leads go: Rukovoditel's REST API or a signed webhook. Failures are thrown as
 * {@link dev.switchboard.shared.queue.RetryLater} (timeouts, 5xx, connection errors: the queue retries
 * with backoff) or {@link dev.switchboard.shared.queue.PermanentJobFailure} (authentication and
 * configuration: straight to the DLQ), with messages that never contain a credential.
 */
public interface CrmClient {

    /** For log lines: "Rukovoditel", "webhook". */
    String name();

    /** Creates the lead and returns the CRM's id for it. Not idempotent: the caller guards it. */
    String insert(LeadPush lead);

    /**
     * Writes the lead's changed attributes to the existing CRM item; throws {@link CrmItemGone} when the CRM
     * says the item no longer exists.
     */
    void update(String crmItemId, LeadPush lead);

    /**
     * A record this lead's earlier insert may have created although its answer never arrived (a timeout
     * after the CRM had saved it), or empty. Records up to {@code previousCrmItemId} (the caller's older
     * lead) never count.
     */
    Optional<String> findInserted(LeadPush lead, String previousCrmItemId);
}
