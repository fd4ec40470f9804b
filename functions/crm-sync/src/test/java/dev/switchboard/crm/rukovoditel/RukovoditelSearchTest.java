package dev.switchboard.crm.rukovoditel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.crm.lead.LeadLink;
import dev.switchboard.crm.lead.LeadMerge;
import dev.switchboard.crm.lead.LeadPush;
import dev.switchboard.crm.lead.LeadText;
import dev.switchboard.crm.testing.Jobs;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class RukovoditelSearchTest {

    final LeadText text = new LeadText(ZoneId.of("America/New_York"));
    final LeadPush lead;

    RukovoditelSearchTest() {
        LeadLink link = new LeadMerge(Duration.ofDays(30), text).apply(null,
                Jobs.call("CA1", Jobs.CALLER, "2026-11-02T14:00:00Z", "missed"), Instant.parse("2026-11-02T14:00:00Z"),
                () -> "SB-7F3A");
        lead = LeadPush.of(link, text, 0, null);
    }

    @Test
    void withNotesMappedOnlyARecordCarryingTheLeadsReferenceCounts() {
        FieldMap fields = FieldMap.parse("{\"phone\":202,\"notes\":208}");
        String select = "[{\"id\":90,\"202\":\"+19045550123\",\"208\":\"Switchboard lead SB-0001\\n...\"},"
                + "{\"id\":131,\"202\":\"+19045550123\",\"208\":\"Switchboard lead SB-7F3A\\n2026-11-02 09:00  Call\"},"
                + "{\"id\":140,\"202\":\"+19045550123\",\"208\":\"typed by hand\"}]";
        assertThat(RukovoditelSearch.ourRecord(RukovoditelAnswersTest.node(select), lead, fields, null)).contains("131");
    }

    @Test
    void withoutAMarkerTheNewestRecordAfterTheCallersPreviousLeadCounts() {
        FieldMap fields = FieldMap.parse("{\"phone\":202}");
        String select = "[{\"id\":\"90\",\"202\":\"+19045550123\"},{\"id\":131,\"field_202\":\"(904) 555-0123\"},"
                + "{\"id\":150,\"202\":\"+19045550124\"}]";
        assertThat(RukovoditelSearch.ourRecord(RukovoditelAnswersTest.node(select), lead, fields, "90")).contains("131");
        assertThat(RukovoditelSearch.ourRecord(RukovoditelAnswersTest.node(select), lead, fields, "131")).isEmpty();
        assertThat(RukovoditelSearch.ourRecord(RukovoditelAnswersTest.node("[]"), lead, fields, null)).isEmpty();
        assertThat(RukovoditelSearch.ourRecord(RukovoditelAnswersTest.node("{}"), lead, fields, null)).isEmpty();
    }

    @Test
    void phoneNumbersCompareByDigits() {
        assertThat(RukovoditelSearch.samePhone("+1 (904) 555-0123", "+19045550123")).isTrue();
        assertThat(RukovoditelSearch.samePhone("904-555-0123", "+19045550123")).isTrue();
        assertThat(RukovoditelSearch.samePhone("555-0123", "+19045550123")).isFalse();
        assertThat(RukovoditelSearch.samePhone("+19045550124", "+19045550123")).isFalse();
        assertThat(RukovoditelSearch.samePhone("", "+19045550123")).isFalse();
    }
}
