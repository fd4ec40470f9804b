package dev.switchboard.crm.lead;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.crm.testing.Jobs;
import dev.switchboard.shared.jobs.CrmSyncJob;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class LeadMergeTest {

    final LeadMerge merge = new LeadMerge(Duration.ofDays(30), new LeadText(ZoneId.of("America/New_York")));
    final AtomicInteger refs = new AtomicInteger();
    final Supplier<String> newRef = () -> "SB-" + refs.incrementAndGet();

    LeadLink apply(LeadLink current, CrmSyncJob job) {
        return merge.apply(current, job, Instant.parse(job.occurredAt()), newRef);
    }

    @Test
    void aFirstQuoteStartsALeadWithWhatTheCustomerTyped() {
        LeadLink lead = apply(null, Jobs.quote("L1", Jobs.CALLER, "2026-11-02T14:00:00Z"));
        assertThat(lead.leadRef()).isEqualTo("SB-1");
        assertThat(lead.crmItemId()).isNull();
        assertThat(lead.phone()).isEqualTo(Jobs.CALLER);
        assertThat(lead.contentVersion()).isEqualTo(1);
        assertThat(value(lead, LeadAttribute.NAME)).isEqualTo("Jane Doe");
        assertThat(value(lead, LeadAttribute.VEHICLE)).isEqualTo("2015 Honda Civic 2.0L");
        assertThat(value(lead, LeadAttribute.ESTIMATE)).isEqualTo("$89.00");
        assertThat(value(lead, LeadAttribute.SOURCE)).isEqualTo("web");
        assertThat(value(lead, LeadAttribute.LEAD_REF)).isEqualTo("SB-1");
        assertThat(lead.activities()).hasSize(1);
        assertThat(lead.appliedJobs()).containsExactly("quote:L1");
    }

    @Test
    void theSameJobTwiceChangesNothing() {
        CrmSyncJob quote = Jobs.quote("L1", Jobs.CALLER, "2026-11-02T14:00:00Z");
        LeadLink once = apply(null, quote);
        assertThat(apply(once, quote)).isSameAs(once);
    }

    @Test
    void aCallWithinTheWindowLandsOnTheSameLeadAsANoteAndAnOutcome() {
        LeadLink quoted = apply(null, Jobs.quote("L1", Jobs.CALLER, "2026-11-02T14:00:00Z"));
        LeadLink called = apply(quoted, Jobs.call("CA1", Jobs.CALLER, "2026-11-20T15:30:00Z", "missed"));
        assertThat(called.leadRef()).isEqualTo(quoted.leadRef());
        assertThat(called.contentVersion()).isEqualTo(2);
        assertThat(called.activities()).hasSize(2);
        assertThat(called.activities().get(0).jobKey()).isEqualTo("call:CA1");
        assertThat(value(called, LeadAttribute.CALL_OUTCOME)).isEqualTo("missed");
        assertThat(value(called, LeadAttribute.SOURCE)).as("the source is how the lead first came in").isEqualTo("web");
        assertThat(value(called, LeadAttribute.NAME)).isEqualTo("Jane Doe");
        assertThat(called.lastActivityAt()).isEqualTo(Instant.parse("2026-11-20T15:30:00Z"));
    }

    @Test
    void theWindowRunsFromTheLastActivityAndAfterItANewLeadStarts() {
        LeadLink first = apply(null, Jobs.call("CA1", Jobs.CALLER, "2026-09-01T15:00:00Z", "missed"));
        LeadLink linked = first.synced("4711");
        LeadLink again = apply(linked, Jobs.call("CA2", Jobs.CALLER, "2026-09-30T15:00:00Z", "answered"));
        assertThat(again.leadRef()).as("29 days later: same lead").isEqualTo(first.leadRef());
        assertThat(again.crmItemId()).isEqualTo("4711");

        LeadLink later = apply(again, Jobs.call("CA3", Jobs.CALLER, "2026-10-30T15:00:01Z", "answered"));
        assertThat(later.leadRef()).as("30 days and a second after the last call: a new lead").isNotEqualTo(first.leadRef());
        assertThat(later.crmItemId()).isNull();
        assertThat(later.previousCrmItemId()).isEqualTo("4711");
        assertThat(later.activities()).extracting(Activity::jobKey).containsExactly("call:CA3");
        assertThat(later.appliedJobs()).containsExactly("call:CA3");
        assertThat(value(later, LeadAttribute.SOURCE)).isEqualTo("call");
        assertThat(merge.startsNewLead(again, Instant.parse("2026-10-30T15:00:00Z"))).isFalse();
    }

    @Test
    void aTranscriptFillsWhatIsMissingButNeverOverridesWhatTheCustomerTyped() {
        LeadLink quoted = apply(null, Jobs.quote("L1", Jobs.CALLER, "2026-11-02T14:00:00Z"));
        LeadLink heard = apply(quoted, Jobs.transcript("CA1", "RE1", Jobs.CALLER, "2026-11-03T14:00:00Z"));
        assertThat(value(heard, LeadAttribute.NAME)).isEqualTo("Jane Doe");
        assertThat(value(heard, LeadAttribute.VEHICLE)).isEqualTo("2015 Honda Civic 2.0L");
        assertThat(value(heard, LeadAttribute.URGENCY)).isEqualTo("stranded");
        assertThat(value(heard, LeadAttribute.TRANSCRIPT)).contains("grinding");
        assertThat(value(heard, LeadAttribute.RECORDING)).isEqualTo("https://phone.example.com/recordings/RE1");

        LeadLink callOnly = apply(null, Jobs.call("CA2", "+19045550155", "2026-11-03T14:00:00Z", "voicemail"));
        LeadLink transcribed = apply(callOnly, Jobs.transcript("CA2", "RE2", "+19045550155", "2026-11-03T14:00:00Z"));
        assertThat(value(transcribed, LeadAttribute.NAME)).isEqualTo("Sam Rivera");
        assertThat(value(transcribed, LeadAttribute.VEHICLE)).isEqualTo("2012 Ford F-150");
        assertThat(value(transcribed, LeadAttribute.SERVICE)).isEqualTo("Brake pads");
    }

    @Test
    void aNewerQuoteReplacesTheOlderOneAndTheLastContactOnlyMovesForward() {
        LeadLink first = apply(null, Jobs.quote("L1", Jobs.CALLER, "2026-11-02T14:00:00Z"));
        CrmSyncJob newer = new CrmSyncJob.Quote("L2", "2026-11-05T14:00:00Z", Jobs.CALLER, Jobs.LINE, "Jane Q. Doe",
                null, null, "Brakes", new CrmSyncJob.Estimate("240.00", "USD", "Brakes"), null);
        LeadLink second = apply(first, newer);
        assertThat(value(second, LeadAttribute.NAME)).isEqualTo("Jane Q. Doe");
        assertThat(value(second, LeadAttribute.ESTIMATE)).isEqualTo("$240.00");
        assertThat(value(second, LeadAttribute.VEHICLE)).as("kept: the newer quote did not say").isEqualTo("2015 Honda Civic 2.0L");

        // A job delivered late (it happened before the newest) does not move the last contact back.
        LeadLink late = apply(second, Jobs.call("CA0", Jobs.CALLER, "2026-11-01T12:00:00Z", "missed"));
        assertThat(late.fields().get(LeadAttribute.CALLED_AT).at()).isEqualTo(Instant.parse("2026-11-05T14:00:00Z"));
        assertThat(late.lastActivityAt()).isEqualTo(Instant.parse("2026-11-05T14:00:00Z"));
        assertThat(late.startedAt()).isEqualTo(Instant.parse("2026-11-01T12:00:00Z"));
        assertThat(late.activities()).extracting(Activity::jobKey).containsExactly("quote:L2", "quote:L1", "call:CA0");
    }

    @Test
    void theActivityLogAndTheAppliedJobsAreCapped() {
        LeadLink lead = null;
        Instant at = Instant.parse("2026-11-01T00:00:00Z");
        for (int i = 0; i < LeadMerge.MAX_APPLIED_JOBS + 5; i++) {
            lead = merge.apply(lead, Jobs.call("CA" + i, Jobs.CALLER, at.plusSeconds(60L * i).toString(), "missed"),
                    at.plusSeconds(60L * i), newRef);
        }
        assertThat(lead.activities()).hasSize(LeadMerge.MAX_ACTIVITIES);
        assertThat(lead.activities().get(0).jobKey()).isEqualTo("call:CA" + (LeadMerge.MAX_APPLIED_JOBS + 4));
        assertThat(lead.appliedJobs()).hasSize(LeadMerge.MAX_APPLIED_JOBS).endsWith("call:CA" + (LeadMerge.MAX_APPLIED_JOBS + 4));
        assertThat(lead.leadRef()).isEqualTo("SB-1");
    }

    @Test
    void rankDecidesBeforeTime() {
        Instant t = Instant.parse("2026-11-01T00:00:00Z");
        FieldValue typed = new FieldValue("Jane", FieldValue.TYPED_BY_CUSTOMER, t, 1);
        FieldValue heard = new FieldValue("Jan", FieldValue.HEARD_IN_CALL, t.plusSeconds(60), 2);
        assertThat(LeadMerge.wins(LeadAttribute.NAME, typed, heard)).isFalse();
        assertThat(LeadMerge.wins(LeadAttribute.NAME, heard, typed)).isTrue();
        assertThat(LeadMerge.wins(LeadAttribute.SOURCE, typed, heard)).isFalse();
        assertThat(LeadMerge.wins(LeadAttribute.CALLED_AT, typed, heard)).isTrue();
    }

    static String value(LeadLink lead, LeadAttribute attribute) {
        FieldValue value = lead.fields().get(attribute);
        return value == null ? null : value.value();
    }
}
