package dev.switchboard.crm.lead;

import dev.switchboard.shared.jobs.CrmSyncJob;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A lead as it is written to the CRM: every attribute rendered as text, and which of them changed since
 * the CRM last confirmed the lead (all of them for a new lead).
 *
 * @param values   every attribute known, rendered ({@code called_at} as {@code YYYY-MM-DD HH:MM} local)
 * @param changed  the attributes an update must send
 * @param trigger  the job this write was made for
 */
public record LeadPush(
        String leadRef,
        String phone,
        Map<LeadAttribute, String> values,
        Set<LeadAttribute> changed,
        long contentVersion,
        Instant startedAt,
        Instant lastActivityAt,
        List<Activity> activities,
        CrmSyncJob trigger) {

    public LeadPush {
        values = Map.copyOf(values);
        changed = changed.isEmpty() ? Set.of() : Set.copyOf(changed);
        activities = List.copyOf(activities);
    }

    /** The lead with everything marked changed: for inserts and for a record adopted after a lost answer. */
    public LeadPush complete() {
        return new LeadPush(leadRef, phone, values, values.keySet(), contentVersion, startedAt, lastActivityAt,
                activities, trigger);
    }

    /**
     * Renders {@code lead}; an attribute counts as changed when it was set after {@code confirmedVersion}
     * (the notes when any activity was added after it).
     */
    public static LeadPush of(LeadLink lead, LeadText text, long confirmedVersion, CrmSyncJob trigger) {
        Map<LeadAttribute, String> values = new EnumMap<>(LeadAttribute.class);
        Set<LeadAttribute> changed = EnumSet.noneOf(LeadAttribute.class);
        for (Map.Entry<LeadAttribute, FieldValue> field : lead.fields().entrySet()) {
            FieldValue value = field.getValue();
            values.put(field.getKey(), field.getKey() == LeadAttribute.CALLED_AT
                    ? text.localTime(value.at()) : value.value());
            if (value.version() > confirmedVersion) {
                changed.add(field.getKey());
            }
        }
        values.put(LeadAttribute.NOTES, text.notes(lead));
        if (lead.activities().stream().anyMatch(a -> a.version() > confirmedVersion)) {
            changed.add(LeadAttribute.NOTES);
        }
        return new LeadPush(lead.leadRef(), lead.phone(), values, changed, lead.contentVersion(), lead.startedAt(),
                lead.lastActivityAt(), lead.activities(), trigger);
    }
}
