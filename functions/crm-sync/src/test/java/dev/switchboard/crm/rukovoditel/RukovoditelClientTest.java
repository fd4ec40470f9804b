package dev.switchboard.crm.rukovoditel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.crm.CrmItemGone;
import dev.switchboard.crm.Redactor;
import dev.switchboard.crm.lead.LeadLink;
import dev.switchboard.crm.lead.LeadMerge;
import dev.switchboard.crm.lead.LeadPush;
import dev.switchboard.crm.lead.LeadText;
import dev.switchboard.shared.testing.CapturedLogs;
import dev.switchboard.crm.testing.FakeRukovoditel;
import dev.switchboard.crm.testing.Jobs;
import dev.switchboard.shared.jobs.CrmSyncJob;
import dev.switchboard.shared.queue.PermanentJobFailure;
import dev.switchboard.shared.queue.RetryLater;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.slf4j.event.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Rukovoditel client against the fake installation: requests, answers, failures, and no leaked secrets. */
class RukovoditelClientTest {

    static final String KEY = "XgDXFsTbNRkMpRq81bBrmRAf56i5oS0oN9bp4jLH";
    static final String PASSWORD = "correct horse battery";
    static final FieldMap FIELDS = FieldMap.parse("{\"name\":201,\"phone\":202,\"email\":203,\"vehicle\":204,"
            + "\"service\":205,\"estimate\":206,\"source\":207,\"notes\":208,\"transcript\":209,\"recording\":210,"
            + "\"called_at\":211}");

    final FakeRukovoditel crm = new FakeRukovoditel(KEY, "switchboard-api", PASSWORD);
    final LeadText text = new LeadText(ZoneId.of("America/New_York"));
    final LeadMerge merge = new LeadMerge(Duration.ofDays(30), text);

    @AfterEach
    void stop() {
        crm.close();
    }

    RukovoditelClient client(String key, URI url, Duration timeout) {
        RukovoditelCredentials credentials = new RukovoditelCredentials(key, "switchboard-api", PASSWORD,
                "/switchboard/dev/crm-api-key (CRM_API_KEY_PARAMETER)", "/switchboard/dev/crm-password (CRM_PASSWORD_PARAMETER)");
        return new RukovoditelClient(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build(), url, timeout,
                new RukovoditelRequests(credentials, FakeRukovoditel.ENTITY_ID, FIELDS),
                new RukovoditelAnswers(credentials.keySource(), credentials.passwordSource(), FakeRukovoditel.ENTITY_ID,
                        Clock.systemUTC()),
                new Redactor(List.of(key, PASSWORD)));
    }

    RukovoditelClient client() {
        return client(KEY, URI.create(crm.apiUrl()), Duration.ofSeconds(5));
    }

    LeadPush quoteLead() {
        LeadLink lead = merge.apply(null, Jobs.quote("L1", Jobs.CALLER, "2026-11-02T14:00:00Z"),
                Instant.parse("2026-11-02T14:00:00Z"), () -> "SB-0A1B2C");
        return LeadPush.of(lead, text, 0, null);
    }

    @Test
    void anInsertCreatesOneRecordWithTheMappedFieldsAndReturnsItsId() {
        String id = client().insert(quoteLead());
        assertThat(crm.records()).containsOnlyKeys(Long.parseLong(id));
        Map<String, String> record = crm.records().get(Long.parseLong(id));
        assertThat(record).containsEntry("201", "Jane Doe").containsEntry("202", Jobs.CALLER)
                .containsEntry("203", "jane@example.com").containsEntry("204", "2015 Honda Civic 2.0L")
                .containsEntry("205", "Oil change").containsEntry("206", "$89.00").containsEntry("207", "web")
                .containsEntry("211", "2026-11-02 09:00").doesNotContainKeys("209", "210");
        assertThat(record.get("208")).startsWith("Switchboard lead SB-0A1B2C\n2026-11-02 09:00  Web quote L1");
        assertThat(crm.rawBodies().get(0)).contains("&action=insert&entity_id=34&items%5B0%5D%5Bfield_201%5D=Jane+Doe&");
    }

    @Test
    void anUpdateChangesTheNamedItem() {
        LeadPush lead = quoteLead();
        String id = client().insert(lead);
        LeadLink linked = merge.apply(null, Jobs.quote("L1", Jobs.CALLER, "2026-11-02T14:00:00Z"),
                Instant.parse("2026-11-02T14:00:00Z"), () -> "SB-0A1B2C").synced(id);
        LeadLink called = merge.apply(linked, Jobs.call("CA1", Jobs.CALLER, "2026-11-05T14:00:00Z", "missed"),
                Instant.parse("2026-11-05T14:00:00Z"), () -> "SB-X");
        client().update(id, LeadPush.of(called, text, called.syncedVersion(), null));
        assertThat(crm.records().get(Long.parseLong(id))).containsEntry("211", "2026-11-05 09:00")
                .containsEntry("201", "Jane Doe");
        assertThat(crm.records().get(Long.parseLong(id)).get("208")).contains("Call to +19045550100: missed");
        assertThat(crm.requests("update").get(0)).containsEntry("update_by_field[id]", id)
                .doesNotContainKey("data[field_201]");
    }

    @Test
    void anInsertWhoseAnswerWasLostIsFoundAgain() {
        crm.answerNextInsertAfter(Duration.ofSeconds(3));
        RukovoditelClient impatient = client(KEY, URI.create(crm.apiUrl()), Duration.ofSeconds(1));
        assertThatThrownBy(() -> impatient.insert(quoteLead())).isInstanceOf(RetryLater.class)
                .hasMessageContaining("timed out").hasMessageContaining("searching the CRM first");
        assertThat(crm.records()).hasSize(1);
        long saved = crm.records().keySet().iterator().next();
        assertThat(client().findInserted(quoteLead(), null)).contains(Long.toString(saved));
        assertThat(client().findInserted(quoteLead(), Long.toString(saved))).isEmpty();
    }

    @Test
    void aWrongKeyIsPermanentSaysWhatToFixAndNeverShowsACredential() {
        String wrongKey = "wrong-key-0000000000000000000000000000000";
        assertThatThrownBy(() -> client(wrongKey, URI.create(crm.apiUrl()), Duration.ofSeconds(5)).insert(quoteLead()))
                .isInstanceOf(PermanentJobFailure.class)
                .hasMessageContaining("Rukovoditel says 'API Key mismatch'")
                .hasMessageContaining("check /switchboard/dev/crm-api-key (CRM_API_KEY_PARAMETER)")
                .hasMessageContaining("+1******0123")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrongKey).doesNotContain(KEY)
                        .doesNotContain(PASSWORD).doesNotContain(Jobs.CALLER));
        assertThat(crm.records()).isEmpty();
    }

    @Test
    void aDisabledApiIsPermanent() {
        crm.disableApi();
        assertThatThrownBy(() -> client().insert(quoteLead())).isInstanceOf(PermanentJobFailure.class)
                .hasMessageContaining("API is not enabled").hasMessageContaining("Extension → Tools → API");
    }

    @Test
    void anHtmlLoginPageIsAFailureWhoseRawAnswerIsQuotedWithoutCredentials() {
        // A login page that echoes what was posted, credentials included.
        crm.failNext(1, 200, "text/html; charset=utf-8", "<!DOCTYPE html><html><body><form action=\"login\">"
                + "<input name=\"username\" value=\"switchboard-api\"><input name=\"key\" value=\"" + KEY + "\">"
                + "<input name=\"password\" value=\"correct+horse+battery\"></form></body></html>");
        assertThatThrownBy(() -> client().insert(quoteLead())).isInstanceOf(PermanentJobFailure.class)
                .hasMessageContaining("an HTML page").hasMessageContaining("[redacted]")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY).doesNotContain("correct+horse+battery")
                        .doesNotContain(PASSWORD));
    }

    @Test
    void outagesAreRetried() {
        crm.failNext(1, 503, "text/html", "<h1>503 Service Unavailable</h1>");
        assertThatThrownBy(() -> client().insert(quoteLead())).isInstanceOf(RetryLater.class).hasMessageContaining("HTTP 503");
        crm.failNext(1, 429, "application/json", "{}");
        assertThatThrownBy(() -> client().update("101", quoteLead())).isInstanceOf(RetryLater.class);
        URI closed = URI.create("http://127.0.0.1:9/api/rest.php");
        assertThatThrownBy(() -> client(KEY, closed, Duration.ofSeconds(2)).insert(quoteLead()))
                .isInstanceOf(RetryLater.class).hasMessageContaining("could not reach 127.0.0.1");
        assertThat(crm.records()).isEmpty();
    }

    @Test
    void aMissingExtensionIsLoggedOnceAsAnErrorThatSaysSo() {
        crm.withoutExtension(false);
        try (CapturedLogs logs = CapturedLogs.start()) {
            RukovoditelClient client = client();
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> client.insert(quoteLead()))
                        .isInstanceOf(RetryLater.class).hasMessageContaining("Rukovoditel Extension");
            }
            assertThat(logs.at(Level.ERROR)).singleElement().satisfies(line -> assertThat(line.text())
                    .contains("REST API is missing").contains("Rukovoditel Extension").contains("empty body"));
        }
        crm.withoutExtension(true);
        assertThatThrownBy(() -> client().insert(quoteLead()))
                .isInstanceOf(PermanentJobFailure.class)
                .hasMessageContaining("plugins/ext").hasMessageContaining("install the Rukovoditel Extension");
    }

    @Test
    void anUpdateOfADeletedRecordSaysItIsGone() {
        RukovoditelClient client = client();
        String id = client.insert(quoteLead());
        crm.deleteRecord(Long.parseLong(id));
        LeadPush changed = quoteLead();
        assertThatThrownBy(() -> client.update(id, changed))
                .isInstanceOfSatisfying(CrmItemGone.class, gone -> assertThat(gone.crmItemId()).isEqualTo(id));
    }

    @Test
    void emojiReachTheThreeByteStoreAsReplacementCharactersNotQuestionMarks() {
        LeadLink lead = merge.apply(null, new CrmSyncJob.Quote("L7", "2026-11-02T14:00:00Z", Jobs.CALLER, null, "Jo \uD83D\uDE97", null, null, null, null, null), Instant.parse("2026-11-02T14:00:00Z"), () -> "SB-7");
        client().insert(LeadPush.of(lead, text, 0, null));
        assertThat(crm.records().values().iterator().next()).containsEntry("201", "Jo \uFFFD");
    }
}
