package dev.switchboard.local.scenarios.crm;

import static dev.switchboard.local.scenarios.crm.CrmStack.await;
import static dev.switchboard.local.scenarios.crm.CrmStack.done;
import static dev.switchboard.local.scenarios.crm.CrmStack.drainDeadLetters;
import static dev.switchboard.local.scenarios.crm.CrmStack.idle;
import static dev.switchboard.local.scenarios.crm.CrmStack.lead;
import static dev.switchboard.local.scenarios.crm.CrmStack.send;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.crm.lead.LeadLink;
import dev.switchboard.crm.testing.FakeRukovoditel;
import dev.switchboard.crm.testing.Jobs;
import dev.switchboard.local.LocalStack;
import dev.switchboard.local.scenarios.FunctionLogs;
import dev.switchboard.shared.jobs.CrmSyncJob;
import dev.switchboard.shared.testing.CapturedLogs;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.event.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * CRM jobs put on CrmQueue of the local stack, processed by CrmSyncFunction as Lambda's event source mapping
 * would run it (batches, partial failures, retries through visibility, the DLQ), against a fake Rukovoditel.
 * Every test uses its own caller number; the stack and the fake are shared.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RukovoditelSyncIT {

    static final String KEY = "XgDXFsTbNRkMpRq81bBrmRAf56i5oS0oN9bp4jLH";
    static final String USER = "switchboard-api";
    static final String PASSWORD = "Tr0ub4dor&3 staple";
    static final String FIELD_MAP = "{\"name\":201,\"phone\":202,\"email\":203,\"vehicle\":204,\"service\":205,"
            + "\"estimate\":206,\"source\":207,\"notes\":208,\"transcript\":209,\"recording\":210,\"called_at\":211}";

    static FunctionLogs logs;
    static FakeRukovoditel crm;
    static CrmStack env;
    static LocalStack stack;

    @BeforeAll
    static void start() {
        crm = new FakeRukovoditel(KEY, USER, PASSWORD);
        env = CrmStack.start(List.of("CrmSyncFunction"), Map.of(
                "CRM_KIND", "rukovoditel",
                "CRM_API_URL", crm.apiUrl(),
                "CRM_USERNAME", USER,
                "CRM_API_KEY", KEY,
                "CRM_PASSWORD", PASSWORD,
                "CRM_LEAD_ENTITY_ID", Integer.toString(FakeRukovoditel.ENTITY_ID),
                "CRM_FIELD_MAP", FIELD_MAP,
                "CRM_TIMEOUT_SECONDS", "2"));
        stack = env.stack;
        logs = env.logs;
    }

    @AfterAll
    static void stop() {
        if (env != null) {
            env.close();
        }
        if (crm != null) {
            crm.close();
        }
    }

    @AfterEach
    void nothingIsLeftBehind() {
        await("CrmQueue idle", () -> idle(stack, "CrmQueue"));
    }

    /** The fake's records for one caller, by item id. */
    static Map<Long, Map<String, String>> records(String phone) {
        return crm.records().entrySet().stream().filter(e -> phone.equals(e.getValue().get("202")))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    static List<Map<String, String>> inserts(String phone) {
        return crm.requests("insert").stream().filter(r -> phone.equals(r.get("items[0][field_202]"))).toList();
    }

    static List<Map<String, String>> updates(String phone) {
        Set<String> ids = records(phone).keySet().stream().map(String::valueOf).collect(Collectors.toSet());
        return crm.requests("update").stream().filter(r -> ids.contains(r.get("update_by_field[id]"))).toList();
    }

    static LeadLink synced(String phone, String jobKey) {
        await(jobKey + " synced", () -> done(stack, jobKey));
        return lead(stack, phone).orElseThrow();
    }

    @Test
    @Order(1)
    void aQuoteBecomesOneInsertWithTheMappedBracketedFields() {
        String phone = "+19045550141";
        send(stack, Jobs.quote("Q141", phone, "2026-11-23T17:04:00Z"));
        LeadLink lead = synced(phone, "quote:Q141");

        assertThat(inserts(phone)).hasSize(1);
        assertThat(records(phone)).hasSize(1).containsKey(Long.parseLong(lead.crmItemId()));
        Map<String, String> record = records(phone).get(Long.parseLong(lead.crmItemId()));
        assertThat(record).containsEntry("201", "Jane Doe").containsEntry("203", "jane@example.com")
                .containsEntry("204", "2015 Honda Civic 2.0L").containsEntry("205", "Oil change")
                .containsEntry("206", "$89.00").containsEntry("207", "web").containsEntry("211", "2026-11-23 12:04");
        assertThat(record.get("208")).startsWith("Switchboard lead " + lead.leadRef());
        String raw = crm.rawBodies().stream().filter(b -> b.contains("%2B19045550141")).findFirst().orElseThrow();
        assertThat(raw).startsWith("key=").contains("&action=insert&entity_id=34&items%5B0%5D%5Bfield_201%5D=Jane+Doe"
                + "&items%5B0%5D%5Bfield_202%5D=%2B19045550141&items%5B0%5D%5Bfield_203%5D=jane%40example.com");
    }

    @Test
    @Order(2)
    void theSameJobDeliveredTwiceIsOneRecord() {
        String phone = "+19045550142";
        CrmSyncJob quote = Jobs.quote("Q142", phone, "2026-11-23T17:04:00Z");
        send(stack, quote);
        send(stack, quote);
        synced(phone, "quote:Q142");
        await("both deliveries handled", () -> idle(stack, "CrmQueue"));
        assertThat(records(phone)).hasSize(1);
        assertThat(inserts(phone)).hasSize(1);
        assertThat(logs.lines()).anySatisfy(l -> assertThat(l.text()).contains("CRM job quote:Q142 for +1******0142 was"
                + " synced before (a redelivery); nothing to do"));
    }

    @Test
    @Order(3)
    void aSecondCallFromTheSameNumberIsAnUpdate() {
        String phone = "+19045550143";
        send(stack, Jobs.call("CA143a", phone, "2026-11-20T15:00:00Z", "missed"));
        synced(phone, "call:CA143a");
        send(stack, Jobs.call("CA143b", phone, "2026-11-23T17:00:00Z", "answered"));
        LeadLink lead = synced(phone, "call:CA143b");

        assertThat(records(phone)).hasSize(1);
        assertThat(inserts(phone)).hasSize(1);
        assertThat(updates(phone)).hasSize(1);
        assertThat(updates(phone).get(0)).containsEntry("update_by_field[id]", lead.crmItemId())
                .containsEntry("data[field_211]", "2026-11-23 12:00").doesNotContainKey("data[field_201]");
        assertThat(records(phone).values().iterator().next().get("208"))
                .contains("2026-11-23 12:00  Call to +19045550100: answered, 3 min 12 s")
                .contains("2026-11-20 10:00  Call to +19045550100: missed");
    }

    @Test
    @Order(4)
    void theTranscriptIsAnUpdateOfTheCallsLead() {
        String phone = "+19045550144";
        send(stack, Jobs.call("CA144", phone, "2026-11-23T17:00:00Z", "voicemail"));
        synced(phone, "call:CA144");
        send(stack, Jobs.transcript("CA144", "RE144", phone, "2026-11-23T17:00:00Z"));
        synced(phone, "transcript:CA144:RE144");

        assertThat(records(phone)).hasSize(1);
        assertThat(updates(phone)).singleElement().satisfies(update -> assertThat(update)
                .containsEntry("data[field_201]", "Sam Rivera").containsEntry("data[field_204]", "2012 Ford F-150")
                .containsEntry("data[field_205]", "Brake pads")
                .containsEntry("data[field_210]", "https://phone.example.com/recordings/RE144"));
        Map<String, String> record = records(phone).values().iterator().next();
        assertThat(record.get("209")).contains("grinding when I brake");
        assertThat(record.get("208")).contains("URGENT: stranded");
    }

    @Test
    @Order(5)
    void aQuoteAndACallFromTheSameNumberWithinTheWindowLandOnTheSameLead() {
        String phone = "+19045550145";
        send(stack, Jobs.call("CA145", phone, "2026-11-21T15:00:00Z", "missed"));
        send(stack, Jobs.quote("Q145", phone, "2026-11-23T17:00:00Z"));
        synced(phone, "call:CA145");
        synced(phone, "quote:Q145");
        assertThat(records(phone)).hasSize(1);
        assertThat(records(phone).values().iterator().next().get("208")).contains("Web quote Q145").contains("missed");
    }

    @Test
    @Order(6)
    void serviceUnavailableThreeTimesThenSuccessIsOneRecord() {
        String phone = "+19045550146";
        crm.failNext(3, 503, "text/html", "<html><body><h1>503 Service Unavailable</h1></body></html>");
        send(stack, Jobs.quote("Q146", phone, "2026-11-23T17:00:00Z"));
        synced(phone, "quote:Q146");
        assertThat(records(phone)).hasSize(1);
        assertThat(logs.at(Level.WARN).stream().filter(l -> l.text().contains("HTTP 503")).count()).isEqualTo(3);
        assertThat(drainDeadLetters(stack)).isEmpty();
    }

    @Test
    @Order(7)
    void anInsertWhoseAnswerIsLostIsFoundInsteadOfInsertedAgain() {
        String phone = "+19045550147";
        crm.answerNextInsertAfter(Duration.ofSeconds(4));   // longer than CRM_TIMEOUT_SECONDS
        send(stack, Jobs.call("CA147", phone, "2026-11-23T17:00:00Z", "missed"));
        synced(phone, "call:CA147");
        assertThat(records(phone)).hasSize(1);
        assertThat(inserts(phone)).hasSize(1);
        assertThat(crm.requests("select").stream().filter(r -> phone.equals(r.get("filters[202][value]")))).hasSize(1);
        assertThat(logs.lines()).anySatisfy(l -> assertThat(l.text()).contains("found after an earlier insert whose"
                + " answer was lost"));
    }

    @Test
    @Order(8)
    void anApiKeyMismatchGoesToTheDlqAtOnceWithOneErrorLineAndNoRetries() {
        String phone = "+19045550148";
        crm.changeApiKey("regenerated-in-rukovoditel-0000000000000");
        try {
            send(stack, Jobs.quote("Q148", phone, "2026-11-23T17:00:00Z"));
            List<Message> dead = new java.util.ArrayList<>();
            await("the job in CrmDeadLetterQueue", () -> dead.addAll(drainDeadLetters(stack)) && !dead.isEmpty());
            await("CrmQueue idle", () -> idle(stack, "CrmQueue"));

            assertThat(dead).singleElement().satisfies(m -> {
                assertThat(m.body()).contains("quote:Q148");
                assertThat(m.messageAttributes().get("failure-reason").stringValue())
                        .contains("Rukovoditel says 'API Key mismatch'").contains("check CRM_API_KEY")
                        .doesNotContain(KEY).doesNotContain(PASSWORD);
            });
            assertThat(crm.requests().stream().filter(r -> phone.equals(r.get("items[0][field_202]")))).hasSize(1);
            assertThat(logs.at(Level.ERROR)).filteredOn(l -> l.text().contains("+1******0148")).singleElement()
                    .satisfies(l -> assertThat(l.text()).contains("sent to the dead-letter queue (attempt 1)")
                            .contains("API Key mismatch").contains("check CRM_API_KEY"));
            assertThat(records(phone)).isEmpty();

            // Fixed (the owner updated the parameter); the re-driven job creates the lead once.
            crm.changeApiKey(KEY);
            CrmStack.redrive(stack, dead);
            synced(phone, "quote:Q148");
            assertThat(records(phone)).hasSize(1);
        } finally {
            crm.changeApiKey(KEY);
        }
    }

    @Test
    @Order(9)
    void anHtmlPageAnsweredWith200IsAFailureNotALead() {
        String phone = "+19045550149";
        crm.failNext(1, 200, "text/html; charset=UTF-8", "<!DOCTYPE html><html><head><title>Rukovoditel | Login</title>"
                + "</head><body><form method=\"post\"><input name=\"username\"><input name=\"password\" type=\"password\">"
                + "</form></body></html>");
        send(stack, Jobs.quote("Q149", phone, "2026-11-23T17:00:00Z"));
        List<Message> dead = new java.util.ArrayList<>();
        await("the job in CrmDeadLetterQueue", () -> dead.addAll(drainDeadLetters(stack)) && !dead.isEmpty());
        assertThat(dead).singleElement().satisfies(m -> assertThat(m.messageAttributes().get("failure-reason").stringValue())
                .contains("HTTP 200 with an HTML page instead of the API's JSON").contains("CRM_API_URL"));
        assertThat(records(phone)).isEmpty();
        assertThat(done(stack, "quote:Q149")).isFalse();
    }

    @Test
    @Order(100)
    void credentialsNeverAppearInAnyLogLineOrDlqReason() {
        assertThat(logs.lines()).isNotEmpty();
        assertThat(logs.all()).doesNotContain(KEY).doesNotContain(PASSWORD)
                .doesNotContain(org.assertj.core.util.Strings.quote(KEY))
                .doesNotContain("Tr0ub4dor%263").doesNotContain("Tr0ub4dor&3");
        String stdout = logs.stdout();
        assertThat(stdout).contains("\"message\":\"CRM lead SB-");   // rendered as the functions' JSON lines
        assertThat(stdout).doesNotContain(KEY).doesNotContain(PASSWORD).doesNotContain("Tr0ub4dor");
        assertThat(stdout).doesNotContain("+19045550141").doesNotContain("+19045550148");
    }
}
