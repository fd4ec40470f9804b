package dev.switchboard.crm;

import dev.switchboard.crm.lead.Activity;
import dev.switchboard.crm.lead.FieldValue;
import dev.switchboard.crm.lead.LeadAttribute;
import dev.switchboard.crm.lead.LeadLink;
import dev.switchboard.shared.storage.Condition;
import dev.switchboard.shared.storage.Item;
import dev.switchboard.shared.storage.Table;
import dev.switchboard.shared.storage.Update;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The CRM worker's items in the single table (this class is their owner):
 * <ul>
 *   <li>{@code CRMLEAD#<E.164>} / {@code CRM}: the caller's current lead ({@link LeadLink}): CRM item id,
 *       content, last activity (the merge window) and the hold a job keeps while writing to the CRM. Every
 *       write is conditional on the revision read, so two workers never both act on what they saw.</li>
 *   <li>{@code CRMJOB#<idempotency key>} / {@code CRMJOB}: "this job reached the CRM", with a 90-day TTL
 *       (longer than a job can live in the queue and its DLQ), so a redelivered job is a no-op.</li>
 * </ul>
 */
public final class LeadLinks {

    public static final String SK = "CRM";
    public static final String JOB_SK = "CRMJOB";
    static final Duration DONE_MARKER_TTL = Duration.ofDays(90);
    private static final String REVISION = "revision";
    private static final String LEASE_HOLDER = "leaseHolder";
    private static final String LEASE_UNTIL = "leaseUntil";

    private final Table table;

    public LeadLinks(Table table) {
        this.table = table;
    }

    public static String pk(String phone) {
        return "CRMLEAD#" + phone;
    }

    public static String jobPk(String idempotencyKey) {
        return "CRMJOB#" + idempotencyKey;
    }

    /** Another worker changed the lead between our read and our write. */
    public static final class ConcurrentChange extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ConcurrentChange(String message) {
            super(message);
        }
    }

    public Optional<LeadLink> find(String phone) {
        return table.get(pk(phone), SK).map(LeadLinks::fromItem);
    }

    /**
     * Writes {@code lead} if the stored revision is still {@code readRevision} (-1: no item yet).
     *
     * @return the lead as stored (revision + 1)
     */
    public LeadLink save(LeadLink lead, long readRevision) {
        LeadLink next = withRevision(lead, Math.max(readRevision, 0) + 1);
        Condition unchanged = readRevision < 0 ? Condition.absent(Table.PK)
                : Condition.equalTo(REVISION, Item.n(readRevision));
        if (!table.putIf(toItem(next), unchanged)) {
            throw new ConcurrentChange("the lead changed while this job was reading it");
        }
        return next;
    }

    /** The CRM confirmed the lead: records the item id and synced version and releases the hold. */
    public LeadLink recordSynced(LeadLink held, String crmItemId) {
        return save(held.synced(crmItemId), held.revision());
    }

    /** Gives the hold up after a failure, so the caller's next job need not wait for it to lapse. */
    public void release(LeadLink held) {
        // A failed condition: someone else holds or changed it already, nothing of ours to release.
        table.update(Update.item(pk(held.phone()), SK)
                .remove(LEASE_HOLDER)
                .remove(LEASE_UNTIL)
                .add(REVISION, 1)
                .onlyIf(Condition.equalTo(LEASE_HOLDER, Item.s(held.leaseHolder()))
                        .and(Condition.equalTo(REVISION, Item.n(held.revision())))));
    }

    public boolean isDone(String idempotencyKey) {
        return table.get(jobPk(idempotencyKey), JOB_SK).isPresent();
    }

    public void markDone(String idempotencyKey, LeadLink lead, String crmItemId, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(Table.key(jobPk(idempotencyKey), JOB_SK));
        item.put("leadRef", Item.s(lead.leadRef()));
        item.put("crmItemId", Item.s(crmItemId));
        item.put("doneAt", Item.time(now));
        item.put(Table.TTL, Item.expiresAt(now.plus(DONE_MARKER_TTL)));
        table.put(item);
    }

    static Map<String, AttributeValue> toItem(LeadLink lead) {
        Map<String, AttributeValue> item = new HashMap<>(Table.key(pk(lead.phone()), SK));
        item.put("phone", Item.s(lead.phone()));
        item.put("leadRef", Item.s(lead.leadRef()));
        put(item, "crmItemId", lead.crmItemId());
        put(item, "previousCrmItemId", lead.previousCrmItemId());
        item.put(REVISION, Item.n(lead.revision()));
        item.put("contentVersion", Item.n(lead.contentVersion()));
        item.put("syncedVersion", Item.n(lead.syncedVersion()));
        item.put("state", Item.s(lead.crmItemId() != null ? (lead.isSynced() ? "synced" : "linked") : "pending"));
        item.put("startedAt", Item.time(lead.startedAt()));
        item.put("lastActivityAt", Item.time(lead.lastActivityAt()));
        put(item, LEASE_HOLDER, lead.leaseHolder());
        if (lead.leaseUntil() != null) {
            item.put(LEASE_UNTIL, Item.time(lead.leaseUntil()));
        }
        if (lead.insertAttemptedAt() != null) {
            item.put("insertAttemptedAt", Item.time(lead.insertAttemptedAt()));
        }
        Map<String, AttributeValue> fields = new HashMap<>();
        lead.fields().forEach((attribute, value) -> fields.put(attribute.key(), AttributeValue.fromM(Map.of(
                "value", Item.s(value.value()), "rank", Item.n(value.rank()), "at", Item.time(value.at()),
                "version", Item.n(value.version())))));
        item.put("fields", AttributeValue.fromM(fields));
        item.put("activities", AttributeValue.fromL(lead.activities().stream().map(a -> AttributeValue.fromM(Map.of(
                "jobKey", Item.s(a.jobKey()), "kind", Item.s(a.kind()), "at", Item.time(a.at()),
                "text", Item.s(a.text()), "version", Item.n(a.version())))).toList()));
        item.put("appliedJobs", AttributeValue.fromL(lead.appliedJobs().stream().map(Item::s).toList()));
        return item;
    }

    static LeadLink fromItem(Map<String, AttributeValue> item) {
        Map<LeadAttribute, FieldValue> fields = new EnumMap<>(LeadAttribute.class);
        AttributeValue storedFields = item.get("fields");
        if (storedFields != null && storedFields.hasM()) {
            storedFields.m().forEach((key, value) -> LeadAttribute.byKey(key).ifPresent(attribute -> fields.put(attribute,
                    new FieldValue(Item.string(value.m(), "value").orElse(""), (int) number(value.m(), "rank"),
                            instant(value.m(), "at"), number(value.m(), "version")))));
        }
        List<Activity> activities = new ArrayList<>();
        AttributeValue storedActivities = item.get("activities");
        if (storedActivities != null && storedActivities.hasL()) {
            for (AttributeValue a : storedActivities.l()) {
                Map<String, AttributeValue> m = a.m();
                activities.add(new Activity(Item.string(m, "jobKey").orElse(""), Item.string(m, "kind").orElse(""),
                        instant(m, "at"), Item.string(m, "text").orElse(""), number(m, "version")));
            }
        }
        List<String> applied = new ArrayList<>();
        AttributeValue storedApplied = item.get("appliedJobs");
        if (storedApplied != null && storedApplied.hasL()) {
            storedApplied.l().forEach(v -> applied.add(v.s()));
        }
        return new LeadLink(Item.string(item, "phone").orElseThrow(), Item.string(item, "leadRef").orElseThrow(),
                Item.string(item, "crmItemId").orElse(null), Item.string(item, "previousCrmItemId").orElse(null),
                number(item, REVISION), number(item, "contentVersion"), number(item, "syncedVersion"),
                instant(item, "startedAt"), instant(item, "lastActivityAt"), fields, activities, applied,
                Item.string(item, LEASE_HOLDER).orElse(null),
                Item.string(item, LEASE_UNTIL).map(Instant::parse).orElse(null),
                Item.string(item, "insertAttemptedAt").map(Instant::parse).orElse(null));
    }

    private static LeadLink withRevision(LeadLink lead, long revision) {
        return new LeadLink(lead.phone(), lead.leadRef(), lead.crmItemId(), lead.previousCrmItemId(), revision,
                lead.contentVersion(), lead.syncedVersion(), lead.startedAt(), lead.lastActivityAt(), lead.fields(),
                lead.activities(), lead.appliedJobs(), lead.leaseHolder(), lead.leaseUntil(), lead.insertAttemptedAt());
    }

    private static void put(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, Item.s(value));
        }
    }

    private static long number(Map<String, AttributeValue> item, String name) {
        return Item.number(item, name).orElse(0L);
    }

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        return Item.string(item, name).map(Instant::parse).orElse(Instant.EPOCH);
    }
}
