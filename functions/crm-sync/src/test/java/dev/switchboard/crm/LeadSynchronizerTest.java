package dev.switchboard.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.crm.lead.LeadLink;
import dev.switchboard.crm.lead.LeadPush;
import dev.switchboard.crm.testing.FakeRukovoditel;
import dev.switchboard.crm.testing.Jobs;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.jobs.CrmSyncJob;
import dev.switchboard.shared.queue.JobAttempt;
import dev.switchboard.shared.queue.PermanentJobFailure;
import dev.switchboard.shared.queue.RetryLater;
import dev.switchboard.shared.storage.Table;
import dev.switchboard.shared.testing.Emulators;
import dev.switchboard.shared.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Exactly one lead per caller, against DynamoDB Local and the fake Rukovoditel: inserts, updates, merges,
 * redeliveries, lost answers and crashes between the CRM write and its record.
 */
class LeadSynchronizerTest {

    static final String KEY = "XgDXFsTbNRkMpRq81bBrmRAf56i5oS0oN9bp4jLH";
    static final String PASSWORD = "correct horse battery";
    static final String FIELD_MAP = "{\"name\":201,\"phone\":202,\"email\":203,\"vehicle\":204,\"service\":205,"
            + "\"estimate\":206,\"source\":207,\"notes\":208,\"transcript\":209,\"recording\":210,\"called_at\":211}";

    /** Shared by the module's tests; each keeps to its own phone numbers. */
    static final Emulators emulators = Emulators.shared();

    final FakeRukovoditel crm = new FakeRukovoditel(KEY, "switchboard-api", PASSWORD);
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T18:00:00Z"));
    final Table table = emulators.table();
    final LeadLinks links = new LeadLinks(table);
    int attempts;

    @AfterEach
    void stopCrm() {
        crm.close();
    }

    Map<String, String> settings(String apiKey) {
        Map<String, String> env = new HashMap<>();
        env.put("CRM_API_URL", crm.apiUrl());
        env.put("CRM_USERNAME", "switchboard-api");
        env.put("CRM_API_KEY", apiKey);
        env.put("CRM_PASSWORD", PASSWORD);
        env.put("CRM_LEAD_ENTITY_ID", Integer.toString(FakeRukovoditel.ENTITY_ID));
        env.put("CRM_FIELD_MAP", FIELD_MAP);
        env.put("CRM_TIMEOUT_SECONDS", "1");
        return env;
    }

    CrmJobProcessor rukovoditel() {
        return CrmWiring.processor("rukovoditel", Settings.of(settings(KEY)), table, clock);
    }

    void run(CrmJobProcessor processor, CrmSyncJob job) {
        processor.process(job, new JobAttempt("m-" + (++attempts), attempts));
    }

    /** A unique caller per test, so tests sharing the table never see each other's leads. */
    static String caller(int n) {
        return "+1904555" + String.format("%04d", 1000 + n);
    }

    LeadLink link(String phone) {
        return links.find(phone).orElseThrow();
    }

    @Test
    void aQuoteBecomesOneInsertWithTheMappedBracketedFields() {
        String phone = caller(1);
        run(rukovoditel(), Jobs.quote("L1", phone, "2026-11-23T17:58:00Z"));

        assertThat(crm.requests("insert")).hasSize(1);
        assertThat(crm.rawBodies().get(0)).contains("action=insert&entity_id=34&items%5B0%5D%5Bfield_201%5D=Jane+Doe"
                + "&items%5B0%5D%5Bfield_202%5D=%2B1904555" + phone.substring(8));
        assertThat(crm.records()).hasSize(1);
        Map.Entry<Long, Map<String, String>> record = crm.records().entrySet().iterator().next();
        assertThat(record.getValue()).containsEntry("202", phone).containsEntry("206", "$89.00")
                .containsEntry("211", "2026-11-23 12:58");

        LeadLink lead = link(phone);
        assertThat(lead.crmItemId()).isEqualTo(Long.toString(record.getKey()));
        assertThat(lead.isSynced()).isTrue();
        assertThat(lead.leaseHolder()).isNull();
        assertThat(lead.insertAttemptedAt()).isNull();
        assertThat(links.isDone("quote:L1")).isTrue();
        assertThat(table.get(LeadLinks.pk(phone), LeadLinks.SK).orElseThrow().get("state").s()).isEqualTo("synced");
    }

    @Test
    void theSameJobDeliveredTwiceIsOneRecordAndTheSecondDeliveryTouchesNothing() {
        String phone = caller(2);
        CrmSyncJob quote = Jobs.quote("L2", phone, "2026-11-23T17:58:00Z");
        run(rukovoditel(), quote);
        run(rukovoditel(), quote);
        assertThat(crm.records()).hasSize(1);
        assertThat(crm.requests()).hasSize(1);
    }

    @Test
    void aSecondCallFromTheSameNumberUpdatesTheLeadWithANote() {
        String phone = caller(3);
        run(rukovoditel(), Jobs.call("CA3a", phone, "2026-11-20T15:00:00Z", "missed"));
        run(rukovoditel(), Jobs.call("CA3b", phone, "2026-11-23T17:00:00Z", "answered"));

        assertThat(crm.requests("insert")).hasSize(1);
        assertThat(crm.requests("update")).hasSize(1);
        assertThat(crm.requests("update").get(0)).containsEntry("update_by_field[id]", link(phone).crmItemId());
        Map<String, String> record = crm.records().values().iterator().next();
        assertThat(record.get("208")).contains("Call to +19045550100: answered, 3 min 12 s")
                .contains("Call to +19045550100: missed");
        assertThat(record).containsEntry("211", "2026-11-23 12:00").containsEntry("207", "call");
    }

    @Test
    void aLeadWhoseRecordWasDeletedInTheCrmIsCreatedAgainAndRelinked() {
        String phone = caller(30);
        run(rukovoditel(), Jobs.call("CA30a", phone, "2026-11-20T15:00:00Z", "missed"));
        long deleted = Long.parseLong(link(phone).crmItemId());
        crm.deleteRecord(deleted);

        run(rukovoditel(), Jobs.call("CA30b", phone, "2026-11-23T17:00:00Z", "answered"));
        assertThat(crm.requests("update")).hasSize(1);
        assertThat(crm.requests("insert")).hasSize(2);
        assertThat(crm.records()).hasSize(1).doesNotContainKey(deleted);
        Map.Entry<Long, Map<String, String>> record = crm.records().entrySet().iterator().next();
        assertThat(link(phone).crmItemId()).isEqualTo(Long.toString(record.getKey()));
        assertThat(link(phone).isSynced()).isTrue();
        assertThat(record.getValue().get("208")).contains("answered").contains("missed");
        assertThat(record.getValue()).containsEntry("202", phone);

        // The next job updates the new record.
        run(rukovoditel(), Jobs.call("CA30c", phone, "2026-11-24T17:00:00Z", "voicemail"));
        assertThat(crm.records()).hasSize(1);
        assertThat(crm.requests("update").get(1)).containsEntry("update_by_field[id]", Long.toString(record.getKey()));
    }

    @Test
    void theTranscriptUpdatesTheCallsLead() {
        String phone = caller(4);
        run(rukovoditel(), Jobs.call("CA4", phone, "2026-11-23T17:00:00Z", "voicemail"));
        run(rukovoditel(), Jobs.transcript("CA4", "RE4", phone, "2026-11-23T17:00:00Z"));

        assertThat(crm.requests("insert")).hasSize(1);
        assertThat(crm.requests("update")).hasSize(1);
        Map<String, String> update = crm.requests("update").get(0);
        assertThat(update).containsEntry("data[field_201]", "Sam Rivera").containsEntry("data[field_204]", "2012 Ford F-150")
                .containsEntry("data[field_205]", "Brake pads").containsEntry("data[field_210]",
                        "https://phone.example.com/recordings/RE4").doesNotContainKey("data[field_202]");
        assertThat(update.get("data[field_209]")).contains("grinding");
        assertThat(crm.records().values().iterator().next().get("208")).contains("URGENT: stranded");
    }

    @Test
    void aQuoteAndACallWithinTheWindowShareALeadAndAfterItANewOneStarts() {
        String phone = caller(5);
        run(rukovoditel(), Jobs.quote("L5", phone, "2026-10-01T14:00:00Z"));
        run(rukovoditel(), Jobs.call("CA5a", phone, "2026-10-20T14:00:00Z", "answered"));
        assertThat(crm.records()).hasSize(1);
        String first = link(phone).crmItemId();

        run(rukovoditel(), Jobs.call("CA5b", phone, "2026-11-23T14:00:00Z", "missed"));
        assertThat(crm.records()).hasSize(2);
        LeadLink second = link(phone);
        assertThat(second.crmItemId()).isNotEqualTo(first);
        assertThat(second.previousCrmItemId()).isEqualTo(first);
        assertThat(crm.records().get(Long.parseLong(second.crmItemId())).get("208"))
                .doesNotContain("Web quote").contains("missed");
    }

    @Test
    void aCrashRightAfterTheCrmSavedTheLeadNeverMakesASecondRecord() {
        String phone = caller(6);
        CrmClient real = CrmWiring.client("rukovoditel", Settings.of(settings(KEY)), clock);
        CrmJobProcessor crashing = CrmWiring.processor(Settings.of(settings(KEY)), table, new CrashAfterInsert(real), clock);
        CrmSyncJob call = Jobs.call("CA6", phone, "2026-11-23T17:00:00Z", "missed");

        assertThatThrownBy(() -> run(crashing, call)).isInstanceOf(SimulatedCrash.class);
        assertThat(crm.records()).hasSize(1);
        LeadLink pending = link(phone);
        assertThat(pending.crmItemId()).isNull();
        assertThat(pending.insertAttemptedAt()).isNotNull();
        assertThat(pending.leaseHolder()).as("a killed worker releases nothing").isEqualTo("call:CA6");

        // Another job for the same caller waits for the hold, then finds the record instead of inserting.
        CrmSyncJob quote = Jobs.quote("L6", phone, "2026-11-23T17:05:00Z");
        assertThatThrownBy(() -> run(rukovoditel(), quote)).isInstanceOf(RetryLater.class)
                .hasMessageContaining("is being written to the CRM by job call:CA6")
                .satisfies(e -> assertThat(((RetryLater) e).minimumDelay()).isPresent());
        clock.advance(LeadSynchronizer.LEASE.plusSeconds(1));
        run(rukovoditel(), quote);
        // The crashed job's redelivery is then a no-op.
        run(rukovoditel(), call);

        assertThat(crm.requests("insert")).hasSize(1);
        assertThat(crm.requests("select")).hasSize(1);
        assertThat(crm.records()).hasSize(1);
        Map.Entry<Long, Map<String, String>> record = crm.records().entrySet().iterator().next();
        assertThat(link(phone).crmItemId()).isEqualTo(Long.toString(record.getKey()));
        assertThat(record.getValue().get("208")).contains("Web quote L6").contains("Call to +19045550100: missed");
        assertThat(record.getValue()).containsEntry("201", "Jane Doe");
    }

    @Test
    void theSameJobRedeliveredAfterItsCrashSearchesBeforeInserting() {
        String phone = caller(7);
        CrmClient real = CrmWiring.client("rukovoditel", Settings.of(settings(KEY)), clock);
        CrmSyncJob quote = Jobs.quote("L7", phone, "2026-11-23T17:00:00Z");
        assertThatThrownBy(() -> run(CrmWiring.processor(Settings.of(settings(KEY)), table, new CrashAfterInsert(real),
                clock), quote)).isInstanceOf(SimulatedCrash.class);
        run(rukovoditel(), quote);   // its own hold: no wait
        assertThat(crm.requests("insert")).hasSize(1);
        assertThat(crm.records()).hasSize(1);
        assertThat(links.isDone("quote:L7")).isTrue();
    }

    @Test
    void anInsertWhoseAnswerTimedOutIsFoundNotRepeated() {
        String phone = caller(8);
        crm.answerNextInsertAfter(Duration.ofSeconds(3));
        CrmSyncJob call = Jobs.call("CA8", phone, "2026-11-23T17:00:00Z", "missed");
        assertThatThrownBy(() -> run(rukovoditel(), call)).isInstanceOf(RetryLater.class).hasMessageContaining("timed out");
        assertThat(link(phone).leaseHolder()).as("released after a failure").isNull();
        run(rukovoditel(), call);
        assertThat(crm.requests("insert")).hasSize(1);
        assertThat(crm.records()).hasSize(1);
        assertThat(link(phone).crmItemId()).isEqualTo(crm.records().keySet().iterator().next().toString());
    }

    @Test
    void aServerErrorBeforeTheSaveIsRetriedIntoExactlyOneRecord() {
        String phone = caller(9);
        crm.failNext(3, 503, "text/html", "<h1>503 Service Unavailable</h1>");
        CrmSyncJob quote = Jobs.quote("L9", phone, "2026-11-23T17:00:00Z");
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> run(rukovoditel(), quote)).isInstanceOf(RetryLater.class).hasMessageContaining("HTTP 503");
        }
        run(rukovoditel(), quote);
        assertThat(crm.records()).hasSize(1);
        assertThat(link(phone).isSynced()).isTrue();
    }

    @Test
    void aWrongKeyIsPermanentLeavesNoRecordAndTheJobSucceedsOnceFixed() {
        String phone = caller(10);
        CrmSyncJob quote = Jobs.quote("L10", phone, "2026-11-23T17:00:00Z");
        CrmJobProcessor wrong = CrmWiring.processor("rukovoditel", Settings.of(settings("not-the-key")), table, clock);
        assertThatThrownBy(() -> run(wrong, quote)).isInstanceOf(PermanentJobFailure.class)
                .hasMessageContaining("API Key mismatch").hasMessageNotContaining("not-the-key");
        assertThat(crm.records()).isEmpty();
        assertThat(link(phone).leaseHolder()).isNull();
        assertThat(links.isDone("quote:L10")).isFalse();

        run(rukovoditel(), quote);   // the re-driven job
        assertThat(crm.records()).hasSize(1);
        assertThat(crm.requests("insert")).hasSize(2);
    }

    @Test
    void aWriteBasedOnAStaleReadIsRefused() {
        String phone = caller(11);
        run(rukovoditel(), Jobs.call("CA11", phone, "2026-11-23T17:00:00Z", "missed"));
        LeadLink read = link(phone);
        links.save(read, read.revision());
        assertThatThrownBy(() -> links.save(read, read.revision())).isInstanceOf(LeadLinks.ConcurrentChange.class);
    }

    @Test
    void theWebhookKindSendsOneCreationThenUpdates() {
        String phone = caller(12);
        crm.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/hook").atPriority(1)
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(200)));
        Map<String, String> env = new HashMap<>(Map.of("CRM_WEBHOOK_URL", crm.server().baseUrl() + "/hook",
                "CRM_WEBHOOK_SECRET", "whsec-test"));
        CrmJobProcessor webhook = CrmWiring.processor("webhook", Settings.of(env), table, clock);
        run(webhook, Jobs.call("CA12", phone, "2026-11-23T17:00:00Z", "missed"));
        run(webhook, Jobs.call("CA12", phone, "2026-11-23T17:00:00Z", "missed"));
        run(webhook, Jobs.transcript("CA12", "RE12", phone, "2026-11-23T17:00:00Z"));
        var keys = crm.server().getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().equals("/hook"))
                .map(e -> e.getRequest().getHeader("Idempotency-Key")).toList();
        String ref = link(phone).leadRef();
        assertThat(keys).containsExactlyInAnyOrder("lead.created:" + ref, "lead.updated:" + ref + ":v2");
        assertThat(link(phone).crmItemId()).isEqualTo(ref);
    }

    /** What a killed worker leaves: not caught as an exception, so nothing is released or recorded. */
    static final class SimulatedCrash extends Error {
        private static final long serialVersionUID = 1L;

        SimulatedCrash() {
            super("simulated crash after the CRM saved the lead");
        }
    }

    /** The real client, but the worker dies as soon as the insert has reached the CRM. */
    record CrashAfterInsert(CrmClient real) implements CrmClient {
        @Override
        public String name() {
            return real.name();
        }

        @Override
        public String insert(LeadPush lead) {
            real.insert(lead);
            throw new SimulatedCrash();
        }

        @Override
        public void update(String crmItemId, LeadPush lead) {
            real.update(crmItemId, lead);
        }

        @Override
        public Optional<String> findInserted(LeadPush lead, String previousCrmItemId) {
            return real.findInserted(lead, previousCrmItemId);
        }
    }

    static Clock unused() {
        return Clock.systemUTC();
    }
}
