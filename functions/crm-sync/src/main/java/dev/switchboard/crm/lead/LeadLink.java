package dev.switchboard.crm.lead;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Switchboard's record of one caller's current lead ({@code CRMLEAD#<E.164>} / {@code CRM} in the table):
 * the CRM item it is linked to, what the lead says, and the bookkeeping that makes every CRM write happen
 * for exactly one lead.
 *
 * @param leadRef           Switchboard's own id for the lead ({@code SB-...}); the webhook's lead id and the
 *                          first line of the notes, so a record inserted before a crash can be recognised
 * @param crmItemId         the CRM's id for the lead; null until an insert was confirmed
 * @param previousCrmItemId the caller's lead before this one (its merge window ran out); null if none
 * @param revision          bumped by every write: writes are conditional on the revision read
 * @param contentVersion    bumped when fields or activities change
 * @param syncedVersion     the content version the CRM last confirmed
 * @param startedAt         when the lead's first quote or call happened
 * @param lastActivityAt    the latest quote or call: the merge window runs from here
 * @param activities        newest first, capped at {@link LeadMerge#MAX_ACTIVITIES}
 * @param appliedJobs       idempotency keys already merged into this lead (newest last)
 * @param leaseHolder       the job currently writing this lead to the CRM, if any
 * @param leaseUntil        when that job's hold lapses (longer than the function's timeout)
 * @param insertAttemptedAt set before every insert and cleared once its item id is recorded: when set on a
 *                          lead without an item id, an insert may have reached the CRM without the answer
 *                          reaching us, so the CRM is searched before inserting again
 */
public record LeadLink(
        String phone,
        String leadRef,
        String crmItemId,
        String previousCrmItemId,
        long revision,
        long contentVersion,
        long syncedVersion,
        Instant startedAt,
        Instant lastActivityAt,
        Map<LeadAttribute, FieldValue> fields,
        List<Activity> activities,
        List<String> appliedJobs,
        String leaseHolder,
        Instant leaseUntil,
        Instant insertAttemptedAt) {

    public LeadLink {
        fields = Map.copyOf(fields);
        activities = List.copyOf(activities);
        appliedJobs = List.copyOf(appliedJobs);
    }

    public Optional<String> crmItem() {
        return Optional.ofNullable(crmItemId);
    }

    public boolean hasApplied(String jobKey) {
        return appliedJobs.contains(jobKey);
    }

    public boolean isSynced() {
        return crmItemId != null && syncedVersion >= contentVersion;
    }

    /** True when another job holds the lead at {@code now}. */
    public boolean heldByOtherThan(String jobKey, Instant now) {
        return leaseHolder != null && !leaseHolder.equals(jobKey) && leaseUntil != null && leaseUntil.isAfter(now);
    }

    public LeadLink leasedTo(String jobKey, Instant until) {
        return new LeadLink(phone, leadRef, crmItemId, previousCrmItemId, revision, contentVersion, syncedVersion,
                startedAt, lastActivityAt, fields, activities, appliedJobs, jobKey, until, insertAttemptedAt);
    }

    public LeadLink withInsertAttemptedAt(Instant at) {
        return new LeadLink(phone, leadRef, crmItemId, previousCrmItemId, revision, contentVersion, syncedVersion,
                startedAt, lastActivityAt, fields, activities, appliedJobs, leaseHolder, leaseUntil, at);
    }

    /** The CRM confirmed the lead up to the current content: the hold is released. */
    public LeadLink synced(String itemId) {
        return new LeadLink(phone, leadRef, itemId, previousCrmItemId, revision, contentVersion, contentVersion,
                startedAt, lastActivityAt, fields, activities, appliedJobs, null, null, null);
    }
}
