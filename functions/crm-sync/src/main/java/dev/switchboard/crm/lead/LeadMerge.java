package dev.switchboard.crm.lead;

import dev.switchboard.shared.jobs.CrmSyncJob;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The merge rules: which lead a quote, call or transcript belongs to and what it changes.
 * <ul>
 *   <li>One lead per phone number. A quote or call within the merge window of the caller's last quote or
 *       call (default 30 days, {@code LEAD_MERGE_WINDOW_DAYS}) lands on the same lead; after it, a new
 *       lead starts.</li>
 *   <li>Every job adds one line to the lead's activity log, once (a redelivered job changes nothing).</li>
 *   <li>Attributes: what the customer typed outranks what was heard in a call, which outranks call
 *       details; among equals the newest wins. The source is how the lead first came in. The last-contact
 *       time only moves forward.</li>
 * </ul>
 */
public final class LeadMerge {

    public static final int MAX_ACTIVITIES = 50;
    public static final int MAX_APPLIED_JOBS = 200;

    private final Duration window;
    private final LeadText text;

    public LeadMerge(Duration window, LeadText text) {
        this.window = window;
        this.text = text;
    }

    public Duration window() {
        return window;
    }

    /** True when a job that happened at {@code occurredAt} must start a new lead instead of merging. */
    public boolean startsNewLead(LeadLink current, Instant occurredAt) {
        return current == null || occurredAt.isAfter(current.lastActivityAt().plus(window));
    }

    /**
     * The lead once {@code job} is merged in. A job already merged returns {@code current} unchanged.
     *
     * @param newLeadRef the id for a lead that starts here
     */
    public LeadLink apply(LeadLink current, CrmSyncJob job, Instant occurredAt, Supplier<String> newLeadRef) {
        if (current != null && current.hasApplied(job.idempotencyKey())) {
            return current;
        }
        LeadLink base = startsNewLead(current, occurredAt) ? fresh(current, job, occurredAt, newLeadRef.get()) : current;
        long version = base.contentVersion() + 1;

        Map<LeadAttribute, FieldValue> fields = new EnumMap<>(LeadAttribute.class);
        fields.putAll(base.fields());
        for (Map.Entry<LeadAttribute, FieldValue> offered : offeredBy(job, occurredAt, version).entrySet()) {
            fields.merge(offered.getKey(), offered.getValue(), (old, neu) -> wins(offered.getKey(), old, neu) ? neu : old);
        }

        List<Activity> activities = new ArrayList<>(MAX_ACTIVITIES);
        activities.add(new Activity(job.idempotencyKey(), job.kind(), occurredAt, text.activity(job), version));
        activities.addAll(base.activities());
        activities.sort((a, b) -> b.at().compareTo(a.at()));
        if (activities.size() > MAX_ACTIVITIES) {
            activities = activities.subList(0, MAX_ACTIVITIES);
        }

        List<String> applied = new ArrayList<>(base.appliedJobs());
        applied.add(job.idempotencyKey());
        if (applied.size() > MAX_APPLIED_JOBS) {
            applied = applied.subList(applied.size() - MAX_APPLIED_JOBS, applied.size());
        }

        Instant last = occurredAt.isAfter(base.lastActivityAt()) ? occurredAt : base.lastActivityAt();
        Instant started = occurredAt.isBefore(base.startedAt()) ? occurredAt : base.startedAt();
        return new LeadLink(base.phone(), base.leadRef(), base.crmItemId(), base.previousCrmItemId(),
                base.revision(), version, base.syncedVersion(), started, last, fields, activities, applied,
                base.leaseHolder(), base.leaseUntil(), base.insertAttemptedAt());
    }

    /**
     * A new lead for the caller. The previous lead's item id is kept so that, if an insert's answer is
     * lost, the CRM search that follows never mistakes the old lead for the new one.
     */
    private LeadLink fresh(LeadLink previous, CrmSyncJob job, Instant occurredAt, String leadRef) {
        String previousItem = previous == null ? null
                : previous.crmItemId() != null ? previous.crmItemId() : previous.previousCrmItemId();
        Map<LeadAttribute, FieldValue> fields = new EnumMap<>(LeadAttribute.class);
        fields.put(LeadAttribute.PHONE, new FieldValue(job.phone(), FieldValue.TYPED_BY_CUSTOMER, occurredAt, 1));
        fields.put(LeadAttribute.LEAD_REF, new FieldValue(leadRef, FieldValue.TYPED_BY_CUSTOMER, occurredAt, 1));
        fields.put(LeadAttribute.SOURCE, new FieldValue(job.source(), FieldValue.TYPED_BY_CUSTOMER, occurredAt, 1));
        long revision = previous == null ? 0 : previous.revision();
        return new LeadLink(job.phone(), leadRef, null, previousItem, revision, 0, 0, occurredAt, occurredAt,
                fields, List.of(), List.of(), previous == null ? null : previous.leaseHolder(),
                previous == null ? null : previous.leaseUntil(), null);
    }

    /**
     * What a job says about the lead, each with its rank: what the customer typed (a quote), what was heard
     * in a call (a transcript), or the call's own details.
     */
    private Map<LeadAttribute, FieldValue> offeredBy(CrmSyncJob job, Instant at, long version) {
        Map<LeadAttribute, FieldValue> offered = new EnumMap<>(LeadAttribute.class);
        put(offered, LeadAttribute.LINE, job.line(), FieldValue.CALL_DETAIL, at, version);
        if (job instanceof CrmSyncJob.Quote quote) {
            int typed = FieldValue.TYPED_BY_CUSTOMER;
            put(offered, LeadAttribute.NAME, quote.name(), typed, at, version);
            put(offered, LeadAttribute.EMAIL, quote.email(), typed, at, version);
            offerWork(offered, quote.vehicle(), quote.service(), quote.estimate(), typed, at, version);
        } else if (job instanceof CrmSyncJob.Call call) {
            put(offered, LeadAttribute.CALL_OUTCOME, call.callOutcome(), FieldValue.CALL_DETAIL, at, version);
        } else if (job instanceof CrmSyncJob.Transcript heard) {
            int rank = FieldValue.HEARD_IN_CALL;
            put(offered, LeadAttribute.NAME, heard.name(), rank, at, version);
            offerWork(offered, heard.vehicle(), heard.service(), heard.estimate(), rank, at, version);
            put(offered, LeadAttribute.CALL_OUTCOME, heard.callOutcome(), FieldValue.CALL_DETAIL, at, version);
            put(offered, LeadAttribute.RECORDING, heard.recordingLink(), rank, at, version);
            put(offered, LeadAttribute.TRANSCRIPT, heard.transcriptExcerpt(), rank, at, version);
            put(offered, LeadAttribute.URGENCY, heard.urgency() == null ? null : String.join(", ", heard.urgency()),
                    rank, at, version);
        }
        // The formatted value is made when the lead is rendered; the instant is what counts here.
        offered.put(LeadAttribute.CALLED_AT, new FieldValue(at.toString(), FieldValue.CALL_DETAIL, at, version));
        return offered;
    }

    /** The vehicle, the service (the priced one when none was named) and the estimate. */
    private static void offerWork(Map<LeadAttribute, FieldValue> offered, CrmSyncJob.Vehicle vehicle, String service,
                                  CrmSyncJob.Estimate estimate, int rank, Instant at, long version) {
        put(offered, LeadAttribute.VEHICLE, LeadText.vehicle(vehicle), rank, at, version);
        String named = (service == null || service.isBlank()) && estimate != null ? estimate.service() : service;
        put(offered, LeadAttribute.SERVICE, named, rank, at, version);
        put(offered, LeadAttribute.ESTIMATE, LeadText.estimate(estimate), rank, at, version);
    }

    private static void put(Map<LeadAttribute, FieldValue> offered, LeadAttribute attribute, String value, int rank,
                            Instant at, long version) {
        if (value != null && !value.isBlank()) {
            offered.put(attribute, new FieldValue(value.trim(), rank, at, version));
        }
    }

    /** Whether {@code offered} replaces {@code current}. */
    static boolean wins(LeadAttribute attribute, FieldValue current, FieldValue offered) {
        switch (attribute) {
            case PHONE, LEAD_REF, SOURCE:
                return false;
            case CALLED_AT:
                return offered.at().isAfter(current.at());
            default:
                if (offered.value().equals(current.value())) {
                    return false;
                }
                if (offered.rank() != current.rank()) {
                    return offered.rank() > current.rank();
                }
                return !offered.at().isBefore(current.at());
        }
    }
}
