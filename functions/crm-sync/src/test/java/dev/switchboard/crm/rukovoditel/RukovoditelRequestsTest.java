package dev.switchboard.crm.rukovoditel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.crm.lead.LeadAttribute;
import dev.switchboard.crm.lead.LeadLink;
import dev.switchboard.crm.lead.LeadMerge;
import dev.switchboard.crm.lead.LeadPush;
import dev.switchboard.crm.lead.LeadText;
import dev.switchboard.crm.testing.Jobs;
import dev.switchboard.shared.jobs.CrmSyncJob;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class RukovoditelRequestsTest {

    final LeadText text = new LeadText(ZoneId.of("America/New_York"));
    final LeadMerge merge = new LeadMerge(Duration.ofDays(30), text);
    final RukovoditelCredentials credentials = new RukovoditelCredentials("k3y&x", "api-bot", "p@ss word",
            "/switchboard/dev/crm-api-key (CRM_API_KEY_PARAMETER)", "CRM_PASSWORD");
    final RukovoditelRequests requests = new RukovoditelRequests(credentials, 34,
            FieldMap.parse("{\"name\":201,\"phone\":202,\"vehicle\":204,\"estimate\":206,\"called_at\":211}"));

    LeadLink quoted() {
        return merge.apply(null, Jobs.quote("L1", Jobs.CALLER, "2026-11-02T14:00:00Z"),
                Instant.parse("2026-11-02T14:00:00Z"), () -> "SB-1");
    }

    @Test
    void anInsertIsTheMappedFieldsAsItems0() {
        LeadLink lead = quoted();
        String body = requests.insert(LeadPush.of(lead, text, 0, null)).encode();
        assertThat(body).isEqualTo("key=k3y%26x&username=api-bot&password=p%40ss+word&action=insert&entity_id=34"
                + "&items%5B0%5D%5Bfield_201%5D=Jane+Doe"
                + "&items%5B0%5D%5Bfield_202%5D=%2B19045550123"
                + "&items%5B0%5D%5Bfield_204%5D=2015+Honda+Civic+2.0L"
                + "&items%5B0%5D%5Bfield_206%5D=%2489.00"
                + "&items%5B0%5D%5Bfield_211%5D=2026-11-02+09%3A00");
    }

    @Test
    void anUpdateNamesTheItemAndSendsOnlyChangedMappedFields() {
        LeadLink linked = quoted().synced("119");
        LeadLink called = merge.apply(linked, Jobs.call("CA1", Jobs.CALLER, "2026-11-04T14:00:00Z", "missed"),
                Instant.parse("2026-11-04T14:00:00Z"), () -> "SB-2");
        LeadPush push = LeadPush.of(called, text, called.syncedVersion(), null);
        assertThat(requests.hasMappedChanges(push)).isTrue();
        assertThat(requests.update("119", push).encode()).isEqualTo(
                "key=k3y%26x&username=api-bot&password=p%40ss+word&action=update&entity_id=34"
                        + "&update_by_field%5Bid%5D=119&data%5Bfield_211%5D=2026-11-04+09%3A00");
    }

    @Test
    void noMappedChangeMeansNoUpdate() {
        RukovoditelRequests phoneOnly = new RukovoditelRequests(credentials, 34, FieldMap.parse("{\"phone\":202}"));
        LeadLink linked = quoted().synced("119");
        LeadLink called = merge.apply(linked, Jobs.call("CA1", Jobs.CALLER, "2026-11-04T14:00:00Z", "missed"),
                Instant.parse("2026-11-04T14:00:00Z"), () -> "SB-2");
        assertThat(phoneOnly.hasMappedChanges(LeadPush.of(called, text, called.syncedVersion(), null))).isFalse();
        assertThat(phoneOnly.hasMappedChanges(LeadPush.of(called, text, 0, null))).isTrue();
    }

    @Test
    void aSelectSearchesThePhoneFieldAndAsksOnlyForWhatRecognisesTheLead() {
        RukovoditelRequests withNotes = new RukovoditelRequests(credentials, 34,
                FieldMap.parse("{\"phone\":202,\"notes\":208,\"name\":201}"));
        assertThat(withNotes.select(Jobs.CALLER).encode()).isEqualTo(
                "key=k3y%26x&username=api-bot&password=p%40ss+word&action=select&entity_id=34&select_fields=202%2C208"
                        + "&filters%5B202%5D%5Bvalue%5D=%2B19045550123&filters%5B202%5D%5Bcondition%5D=search");
        assertThat(withNotes.fields().fieldId(LeadAttribute.NOTES)).contains(208);
    }

    @Test
    void formulasAreNeutralisedButThePhoneKeepsItsPlus() {
        RukovoditelRequests all = new RukovoditelRequests(credentials, 34, FieldMap.parse(
                "{\"name\":201,\"phone\":202,\"email\":203,\"vehicle\":204,\"service\":205,\"line\":209}"));
        LeadLink lead = merge.apply(null, Jobs.hostileQuote(), Instant.parse("2026-11-02T14:00:00Z"), () -> "SB-1");
        java.util.Map<String, String> sent = FakeForm.decode(all.insert(LeadPush.of(lead, text, 0, null)).encode());
        assertThat(sent.get("items[0][field_201]")).isEqualTo("'=HYPERLINK(\"http://evil.example\",\"Jane\")");
        assertThat(sent.get("items[0][field_203]")).isEqualTo("'@SUM(1+1)@example.com");
        assertThat(sent.get("items[0][field_204]")).isEqualTo("2015 -2+3 Civic");
        assertThat(sent.get("items[0][field_205]")).isEqualTo("'+cmd|' /C calc'!A0");
        assertThat(sent.get("items[0][field_202]")).isEqualTo(Jobs.CALLER);
        assertThat(sent.get("items[0][field_209]")).isEqualTo(Jobs.LINE);
    }

    @Test
    void emojiAreReplacedForRukovoditelsThreeByteUtf8UnlessSwitchedOff() {
        FieldMap map = FieldMap.parse("{\"phone\":202,\"name\":201}");
        LeadLink lead = merge.apply(null, new CrmSyncJob.Quote("L8", "2026-11-02T14:00:00Z", Jobs.CALLER, Jobs.LINE, "Jane \uD83D\uDE97 Doe", null, null, null, null, null), Instant.parse("2026-11-02T14:00:00Z"), () -> "SB-1");
        LeadPush push = LeadPush.of(lead, text, 0, null);
        assertThat(FakeForm.decode(new RukovoditelRequests(credentials, 34, map).insert(push).encode())
                .get("items[0][field_201]")).isEqualTo("Jane \uFFFD Doe");
        assertThat(FakeForm.decode(new RukovoditelRequests(credentials, 34, map, false).insert(push).encode())
                .get("items[0][field_201]")).isEqualTo("Jane \uD83D\uDE97 Doe");
    }

    /** Decodes a form body the way PHP fills $_POST keys (brackets kept in the key). */
    static final class FakeForm {
        static java.util.Map<String, String> decode(String body) {
            java.util.Map<String, String> form = new java.util.LinkedHashMap<>();
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                form.put(java.net.URLDecoder.decode(pair.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8),
                        java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
            }
            return form;
        }
    }
}
