package dev.switchboard.crm.lead;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.crm.testing.Jobs;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class LeadPushTest {

    final LeadText text = new LeadText(ZoneId.of("America/New_York"));
    final LeadMerge merge = new LeadMerge(Duration.ofDays(30), text);

    @Test
    void aNewLeadIsSentWhole() {
        LeadLink lead = merge.apply(null, Jobs.quote("L1", Jobs.CALLER, "2026-11-02T14:00:00Z"),
                Instant.parse("2026-11-02T14:00:00Z"), () -> "SB-1");
        LeadPush push = LeadPush.of(lead, text, lead.syncedVersion(), null);
        assertThat(push.changed()).containsAll(push.values().keySet());
        assertThat(push.values()).containsEntry(LeadAttribute.CALLED_AT, "2026-11-02 09:00")
                .containsEntry(LeadAttribute.PHONE, Jobs.CALLER)
                .containsEntry(LeadAttribute.LEAD_REF, "SB-1")
                .containsEntry(LeadAttribute.SOURCE, "web");
        assertThat(push.values().get(LeadAttribute.NOTES)).startsWith("Switchboard lead SB-1\n2026-11-02 09:00  Web quote L1");
    }

    @Test
    void anUpdateCarriesOnlyWhatChangedSinceTheCrmConfirmedTheLead() {
        LeadLink quoted = merge.apply(null, Jobs.quote("L1", Jobs.CALLER, "2026-11-02T14:00:00Z"),
                Instant.parse("2026-11-02T14:00:00Z"), () -> "SB-1").synced("77");
        LeadLink called = merge.apply(quoted, Jobs.call("CA1", Jobs.CALLER, "2026-11-04T14:00:00Z", "missed"),
                Instant.parse("2026-11-04T14:00:00Z"), () -> "SB-2");
        LeadPush push = LeadPush.of(called, text, called.syncedVersion(), null);
        assertThat(push.changed()).containsExactlyInAnyOrder(LeadAttribute.NOTES, LeadAttribute.CALLED_AT,
                LeadAttribute.CALL_OUTCOME);
        assertThat(push.values()).containsEntry(LeadAttribute.NAME, "Jane Doe");
        assertThat(push.complete().changed()).isEqualTo(push.values().keySet());

        LeadPush nothingNew = LeadPush.of(called.synced("77"), text, called.contentVersion(), null);
        assertThat(nothingNew.changed()).isEmpty();
    }
}
