package dev.switchboard.crm;

import dev.switchboard.crm.lead.LeadLink;
import dev.switchboard.crm.lead.LeadMerge;
import dev.switchboard.crm.lead.LeadPush;
import dev.switchboard.crm.lead.LeadText;
import dev.switchboard.shared.jobs.CrmSyncJob;
import dev.switchboard.shared.logging.PhoneMask;
import dev.switchboard.shared.queue.JobAttempt;
import dev.switchboard.shared.queue.RetryLater;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exactly one lead per caller in the CRM, however often SQS delivers a job:
 * <ol>
 *   <li>A job already synced ({@code CRMJOB#<key>}) is a no-op.</li>
 *   <li>The job is merged into the caller's lead ({@link LeadMerge}) and the lead is written back with a
 *       hold for this job — one conditional write, before any CRM call. If another job holds the lead,
 *       this one is retried shortly after.</li>
 *   <li>A lead without a CRM item is inserted; before the insert the lead records that an insert was
 *       attempted. If that mark is already there (an earlier insert's answer was lost: a timeout, a
 *       crash), the CRM is searched for the record first and an insert only happens if none is found.
 *       A lead with an item is updated with what changed.</li>
 *   <li>The item id and the synced version are recorded (conditional on nothing else having written),
 *       the hold released, and the job marked done.</li>
 * </ol>
 * A crash anywhere leaves either nothing in the CRM or a mark that makes the next attempt look before it
 * inserts. Once synced, the lead's CRM id and name go on the customer's contact profile ({@link CrmContacts}),
 * where the alerts and the inbox read them.
 */
public final class LeadSynchronizer implements CrmJobProcessor {

    /** Twice the function's 60 s timeout, so a hold outlives any worker that could still be using it. */
    public static final Duration LEASE = Duration.ofSeconds(120);
    private static final Duration CONFLICT_RETRY = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(LeadSynchronizer.class);

    private final LeadLinks links;
    private final LeadMerge merge;
    private final LeadText text;
    private final CrmClient crm;
    private final Clock clock;
    private final Supplier<String> leadRefs;
    private final CrmContacts contacts;

    public LeadSynchronizer(LeadLinks links, LeadMerge merge, LeadText text, CrmClient crm, Clock clock,
                            Supplier<String> leadRefs) {
        this(links, merge, text, crm, clock, leadRefs, CrmContacts.none());
    }

    /** @param contacts told each lead's CRM id and name once it is in the CRM (the contact profile) */
    public LeadSynchronizer(LeadLinks links, LeadMerge merge, LeadText text, CrmClient crm, Clock clock,
                            Supplier<String> leadRefs, CrmContacts contacts) {
        this.contacts = contacts;
        this.links = links;
        this.merge = merge;
        this.text = text;
        this.crm = crm;
        this.clock = clock;
        this.leadRefs = leadRefs;
    }

    @Override
    public void process(CrmSyncJob job, JobAttempt attempt) {
        String key = job.idempotencyKey();
        String caller = PhoneMask.mask(job.phone());
        if (links.isDone(key)) {
            LOG.info("CRM job {} for {} was synced before (a redelivery); nothing to do", key, caller);
            return;
        }
        Instant now = clock.instant();
        LeadLink current = links.find(job.phone()).orElse(null);
        if (current != null && current.heldByOtherThan(key, now)) {
            Duration wait = Duration.between(now, current.leaseUntil()).plusSeconds(1);
            throw new RetryLater("lead " + current.leadRef() + " of " + caller + " is being written to the CRM by job "
                    + current.leaseHolder() + "; job " + key + " follows it", null, wait);
        }

        LeadLink merged = merge.apply(current, job, occurredAt(job, now), leadRefs);
        boolean insertMayHaveHappened = merged.crmItemId() == null && merged.insertAttemptedAt() != null;
        LeadLink held = merged.leasedTo(key, now.plus(LEASE));
        if (merged.crmItemId() == null) {
            held = held.withInsertAttemptedAt(now);
        }
        try {
            held = links.save(held, current == null ? -1 : current.revision());
        } catch (LeadLinks.ConcurrentChange e) {
            throw new RetryLater("lead of " + caller + " changed while job " + key + " was merging it; it is merged again",
                    null, CONFLICT_RETRY);
        }

        String itemId;
        String outcome;
        try {
            LeadPush push = LeadPush.of(held, text, held.syncedVersion(), job);
            if (held.crmItemId() != null) {
                itemId = held.crmItemId();
                if (push.changed().isEmpty()) {
                    outcome = "already up to date";
                } else {
                    try {
                        crm.update(itemId, push);
                        outcome = "updated";
                    } catch (CrmItemGone gone) {
                        // Deleted in the CRM: create the lead again and link it to the new item. A re-creation whose
                        // answer was lost (a crash before the link was saved) is found by the search first.
                        Optional<String> found = crm.findInserted(push, gone.crmItemId());
                        itemId = found.isPresent() ? found.get() : crm.insert(push.complete());
                        if (found.isPresent()) {
                            crm.update(itemId, push.complete());
                        }
                        outcome = "created again (its CRM item " + gone.crmItemId() + " had been deleted in the CRM)";
                    }
                }
            } else {
                Optional<String> found = insertMayHaveHappened
                        ? crm.findInserted(push, held.previousCrmItemId()) : Optional.empty();
                if (found.isPresent()) {
                    itemId = found.get();
                    crm.update(itemId, push.complete());
                    outcome = "found after an earlier insert whose answer was lost, and updated";
                } else {
                    itemId = crm.insert(push);
                    outcome = insertMayHaveHappened ? "created (a search found no earlier insert)" : "created";
                }
            }
        } catch (RuntimeException e) {
            links.release(held);
            throw e;
        }
        try {
            LeadLink synced = links.recordSynced(held, itemId);
            links.markDone(key, synced, itemId, clock.instant());
        } catch (LeadLinks.ConcurrentChange e) {
            // Cannot happen while the hold is ours; if it does, the insert mark makes the retry search first.
            throw new RetryLater("lead " + held.leadRef() + " of " + caller + " changed while job " + key
                    + " held it; the CRM write is checked again", null, CONFLICT_RETRY);
        }
        LOG.info("CRM lead {} ({} item {}) {} for {} by {} job {}", held.leadRef(), crm.name(), itemId, outcome, caller,
                job.kind(), key);
        try {
            contacts.synced(held, itemId, clock.instant());
        } catch (RuntimeException e) {
            LOG.warn("CRM lead {} of {}: its CRM id and name could not be noted on the contact profile ({}); the next"
                    + " job for this caller notes them", held.leadRef(), caller, e.getMessage());
        }
    }

    /** When the quote or call happened; the processing time if the job does not say. */
    static Instant occurredAt(CrmSyncJob job, Instant now) {
        String value = job.occurredAt();
        if (value == null || value.isBlank()) {
            return now;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(value.trim()).toInstant();
            } catch (DateTimeParseException again) {
                return now;
            }
        }
    }
}
