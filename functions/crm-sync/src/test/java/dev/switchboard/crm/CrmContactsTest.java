package dev.switchboard.crm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.crm.lead.LeadMerge;
import dev.switchboard.crm.lead.LeadText;
import dev.switchboard.crm.testing.FakeRukovoditel;
import dev.switchboard.crm.testing.Jobs;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.contacts.ContactProfiles;
import dev.switchboard.shared.jobs.CrmSyncJob;
import dev.switchboard.shared.queue.JobAttempt;
import dev.switchboard.shared.storage.Item;
import dev.switchboard.shared.storage.Table;
import dev.switchboard.shared.testing.Emulators;
import dev.switchboard.shared.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Once a lead is in the CRM, its CRM id and name are on the customer's contact profile (what the alerts and
 * the inbox read), against DynamoDB Local and the fake Rukovoditel.
 */
class CrmContactsTest {

    static final Emulators emulators = Emulators.shared();

    final FakeRukovoditel crm = new FakeRukovoditel(LeadSynchronizerTest.KEY, "switchboard-api", LeadSynchronizerTest.PASSWORD);
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T18:00:00Z"));
    final Table table = emulators.table();
    final ContactProfiles profiles = new ContactProfiles(table);
    int attempts;

    @AfterEach
    void stopCrm() {
        crm.close();
    }

    Settings settings() {
        Map<String, String> env = new HashMap<>();
        env.put("CRM_API_URL", crm.apiUrl());
        env.put("CRM_USERNAME", "switchboard-api");
        env.put("CRM_API_KEY", LeadSynchronizerTest.KEY);
        env.put("CRM_PASSWORD", LeadSynchronizerTest.PASSWORD);
        env.put("CRM_LEAD_ENTITY_ID", Integer.toString(FakeRukovoditel.ENTITY_ID));
        env.put("CRM_FIELD_MAP", LeadSynchronizerTest.FIELD_MAP);
        env.put("CRM_TIMEOUT_SECONDS", "10"); // a loaded machine must not look like a CRM timeout here
        return Settings.of(env);
    }

    void run(CrmJobProcessor processor, CrmSyncJob job) {
        processor.process(job, new JobAttempt("m-" + (++attempts), attempts));
    }

    static String caller(int n) {
        return "+1904555" + String.format("%04d", 2000 + n);
    }

    @Test
    void aNameHeardInACallAndTheCrmIdGoOnTheProfileAndTheFormsNameThenWins() {
        String phone = caller(1);
        CrmJobProcessor processor = CrmWiring.processor("rukovoditel", settings(), table, clock);
        run(processor, Jobs.transcript("CA-contacts-1", "RE-contacts-1", phone, "2026-11-23T17:00:00Z"));

        String crmId = Long.toString(crm.records().keySet().iterator().next());
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> profile = profiles.find(phone).orElseThrow();
        assertThat(Item.string(profile, "crmId")).contains(crmId);
        assertThat(Item.string(profile, "name")).contains("Sam Rivera");
        assertThat(Item.string(profile, "nameSource")).contains("transcript");

        // The customer then types their name on the quote form: the stronger name replaces the heard one.
        clock.advance(Duration.ofMinutes(5));
        run(processor, Jobs.quote("L-contacts-1", phone, "2026-11-23T17:58:00Z"));
        profile = profiles.find(phone).orElseThrow();
        assertThat(Item.string(profile, "name")).contains("Jane Doe");
        assertThat(Item.string(profile, "nameSource")).contains("web");
        assertThat(Item.string(profile, "crmId")).contains(crmId);
    }

    @Test
    void aCallWithoutANameStillRecordsTheCrmIdAndKeepsABetterNameKnownBefore() {
        String phone = caller(2);
        profiles.rememberName(phone, "Jane From The Web", ContactProfiles.NameSource.web, clock.instant());
        run(CrmWiring.processor("rukovoditel", settings(), table, clock), Jobs.call("CA-contacts-2", phone, "2026-11-23T17:00:00Z",
                "missed"));

        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> profile = profiles.find(phone).orElseThrow();
        assertThat(Item.string(profile, "crmId")).isPresent();
        assertThat(Item.string(profile, "name")).contains("Jane From The Web");
    }

    @Test
    void aProfileThatCannotBeWrittenNeverFailsTheJob() {
        String phone = caller(3);
        LeadText text = new LeadText(ZoneId.of("America/New_York"));
        LeadSynchronizer processor = new LeadSynchronizer(new LeadLinks(table), new LeadMerge(Duration.ofDays(30), text),
                text, CrmWiring.client("rukovoditel", settings(), clock), clock, () -> "SB-000000000003",
                (lead, crmId, now) -> {
                    throw new IllegalStateException("table unavailable");
                });
        run(processor, Jobs.quote("L-contacts-3", phone, "2026-11-23T17:58:00Z"));
        assertThat(new LeadLinks(table).isDone("quote:L-contacts-3")).isTrue();
        assertThat(profiles.find(phone)).isEmpty();
    }
}
