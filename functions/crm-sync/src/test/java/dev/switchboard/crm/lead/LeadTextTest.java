package dev.switchboard.crm.lead;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.crm.testing.Jobs;
import dev.switchboard.shared.jobs.CrmSyncJob;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class LeadTextTest {

    final LeadText text = new LeadText(ZoneId.of("America/New_York"));

    @Test
    void timesAreLocalToTheBusinessAcrossDaylightSaving() {
        assertThat(text.localTime(Instant.parse("2026-07-01T16:05:00Z"))).isEqualTo("2026-07-01 12:05");
        assertThat(text.localTime(Instant.parse("2026-12-01T16:05:00Z"))).isEqualTo("2026-12-01 11:05");
        assertThat(new LeadText(ZoneId.of("America/Los_Angeles")).localTime(Instant.parse("2026-12-01T16:05:00Z")))
                .isEqualTo("2026-12-01 08:05");
    }

    @Test
    void vehiclesAndEstimatesReadAsOneLine() {
        assertThat(LeadText.vehicle(new CrmSyncJob.Vehicle("2015", "Honda", " Civic ", null))).isEqualTo("2015 Honda Civic");
        assertThat(LeadText.vehicle(new CrmSyncJob.Vehicle(null, "", null, null))).isNull();
        assertThat(LeadText.estimate(new CrmSyncJob.Estimate("89.00", "usd", "Oil change"))).isEqualTo("$89.00");
        assertThat(LeadText.estimate(new CrmSyncJob.Estimate("89.00", "EUR", null))).isEqualTo("89.00 EUR");
        assertThat(LeadText.estimate(new CrmSyncJob.Estimate(null, "USD", "Diagnosis"))).isNull();
    }

    @Test
    void eachJobKindHasItsActivityLine() {
        assertThat(text.activity(Jobs.quote("L1", Jobs.CALLER, "2026-11-02T14:00:00Z"))).isEqualTo(
                "Web quote L1 · Jane Doe · Oil change · 2015 Honda Civic 2.0L · estimate $89.00 · jane@example.com"
                        + " · customer wrote: \"Driveway access from the side street\"");
        assertThat(text.activity(Jobs.call("CA1", Jobs.CALLER, "2026-11-02T14:00:00Z", "answered")))
                .isEqualTo("Call to +19045550100: answered, 3 min 12 s");
        assertThat(text.activity(Jobs.call("CA1", Jobs.CALLER, "2026-11-02T14:00:00Z", "missed")))
                .isEqualTo("Call to +19045550100: missed");
        assertThat(text.activity(Jobs.transcript("CA1", "RE1", Jobs.CALLER, "2026-11-02T14:00:00Z"))).isEqualTo(
                "Transcript of call CA1 · Sam Rivera · 2012 Ford F-150 · Brake pads · URGENT: stranded · \"my truck is"
                        + " grinding when I brake and I'm stuck at the Publix on US-1\" · recording"
                        + " https://phone.example.com/recordings/RE1");
        assertThat(text.activity(new dev.switchboard.shared.jobs.CrmSyncJob.Note("N-1", "2026-11-02T14:00:00Z",
                Jobs.CALLER, "+19045550100", "Text sent (en_route): \"Mike is on the way\"")))
                .isEqualTo("Text sent (en_route): \"Mike is on the way\"");
    }

    @Test
    void aTranscriptJobsOwnNotesAndEstimateAreInItsLine() {
        CrmSyncJob transcript = new CrmSyncJob.Transcript("CA2", "RE2", "2026-11-02T14:00:00Z", Jobs.CALLER, Jobs.LINE,
                null, null, "Brake pads", new CrmSyncJob.Estimate("180.00", "USD", "Brake pads"),
                "Asked to be called back at +19045550188.", "voicemail", 40, null, null, null, null);
        assertThat(text.activity(transcript)).isEqualTo(
                "Transcript of call CA2 · Brake pads · estimate $180.00 · Asked to be called back at +19045550188.");
    }

    @Test
    void theNotesStartWithTheLeadsReferenceThenTheNewestActivity() {
        LeadMerge merge = new LeadMerge(Duration.ofDays(30), text);
        LeadLink lead = merge.apply(null, Jobs.quote("L1", Jobs.CALLER, "2026-11-02T14:00:00Z"),
                Instant.parse("2026-11-02T14:00:00Z"), () -> "SB-AAA");
        lead = merge.apply(lead, Jobs.call("CA1", Jobs.CALLER, "2026-11-03T15:30:00Z", "missed"),
                Instant.parse("2026-11-03T15:30:00Z"), () -> "SB-BBB");
        assertThat(text.notes(lead)).isEqualTo("Switchboard lead SB-AAA\n"
                + "2026-11-03 10:30  Call to +19045550100: missed\n"
                + "2026-11-02 09:00  " + text.activity(Jobs.quote("L1", Jobs.CALLER, "2026-11-02T14:00:00Z")));
    }

    @Test
    void aVeryLongActivityIsCut() {
        String essay = "x".repeat(5000);
        CrmSyncJob quote = new CrmSyncJob.Quote("L9", null, Jobs.CALLER, null, null, null, null, null, null, essay);
        assertThat(text.activity(quote)).hasSize(LeadText.MAX_ACTIVITY_CHARS).endsWith("…");
    }

    @Test
    void aCutNeverLeavesHalfAnEmoji() {
        for (int pad = 0; pad < 4; pad++) {
            CrmSyncJob quote = new CrmSyncJob.Quote("L9", null, Jobs.CALLER, null, null, null, null, null, null, "y".repeat(pad) + "\uD83D\uDE97".repeat(400));
            String activity = text.activity(quote);
            assertThat(activity).hasSizeLessThanOrEqualTo(LeadText.MAX_ACTIVITY_CHARS).endsWith("…");
            assertThat(Character.isHighSurrogate(activity.charAt(activity.length() - 2))).isFalse();
        }
    }
}
