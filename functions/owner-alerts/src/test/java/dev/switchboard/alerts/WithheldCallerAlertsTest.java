package dev.switchboard.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.shared.contacts.ContactProfiles;
import dev.switchboard.shared.jobs.AlertJob;
import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.sms.OutgoingText;
import dev.switchboard.shared.sms.SendResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A voicemail or missed call from a caller who withheld their number: staff are told exactly once, without a
 * reply tag, with what was heard and a link to the recording, and the text says it cannot be answered by reply.
 */
class WithheldCallerAlertsTest {

    static final String LINE = AlertsFixture.LINE;
    static final String OWNER = AlertsFixture.OWNER;
    static final String HELPER = AlertsFixture.HELPER;
    static final String CUSTOMER = AlertsFixture.CUSTOMER;
    static final Instant NOW = AlertsFixture.NOW;

    final Map<String, String> env = AlertsFixture.environment();

    final List<OutgoingText> texts = new ArrayList<>();
    final Set<String> textKeys = new HashSet<>();
    final List<String[]> emails = new ArrayList<>();
    final Map<String, String> lastAlerted = new HashMap<>();
    final List<String> tagsMade = new ArrayList<>();
    final List<String> namesAskedFor = new ArrayList<>();
    final Set<String> settled = new HashSet<>();

    final AlertStore store = new AlertStore() {
        @Override
        public String tagFor(String line, String customer, Instant now) {
            tagsMade.add(customer);
            return "K7";
        }

        @Override
        public void alerted(String staff, String line, String customer, Instant now) {
            lastAlerted.put(staff + "#" + line, customer);
        }

        @Override
        public void alertedWithheld(String staff, String line, Instant now) {
            lastAlerted.put(staff + "#" + line, "(withheld)");
        }

        @Override
        public Optional<String> name(String customer) {
            namesAskedFor.add(customer);
            return Optional.empty();
        }

        @Override
        public void rememberName(String customer, String name, ContactProfiles.NameSource source, Instant now) {
            namesAskedFor.add(customer);
        }

        @Override
        public boolean transcriptSettled(String recordingSid) {
            return settled.contains(recordingSid);
        }
    };

    OwnerAlerts alerts() {
        return AlertsFixture.alerts(env, Set.of(OWNER, HELPER)::contains, store, text -> {
            if (!textKeys.add(text.key())) {
                return new SendResult(SendResult.Status.DUPLICATE, Optional.of("SMold"), "sent");
            }
            texts.add(text);
            return new SendResult(SendResult.Status.SENT, Optional.of("SM" + texts.size()), "queued");
        }, (from, to, subject, text, html) -> emails.add(new String[] {subject, text, html}), job -> {
        });
    }

    static AlertJob.Voicemail withheld(AlertJob.Trigger trigger, String name, String excerpt) {
        return new AlertJob.Voicemail("CA1", "RE1", null, LINE, NOW.toString(), 42, trigger, name,
                "2015 Honda Civic", "brake pads", excerpt, excerpt);
    }

    @Test
    void aWithheldVoicemailIsAlertedWithoutATagWithTranscriptAndTheRecordingsLink() {
        OutcomeCheck.alerted(alerts().handle(withheld(AlertJob.Trigger.transcript, null, "Hi, my brakes are grinding.")));

        assertThat(texts).extracting(OutgoingText::to).containsExactly(OWNER, HELPER);
        assertThat(texts.get(0).key()).isEqualTo("alert:voicemail:RE1:" + OWNER);
        assertThat(texts.get(0).from()).contains(LINE);
        assertThat(texts.get(0).body()).isEqualTo("Voicemail from a withheld number, 0:42 - 2015 Honda Civic, brake"
                + " pads: \"Hi, my brakes are grinding.\" (cannot be answered by reply)"
                + " https://phone.example.com/recordings/RE1");
        assertThat(texts.get(0).body()).doesNotStartWith("#");
        // No tag is made and no profile is touched for a number nobody knows.
        assertThat(tagsMade).isEmpty();
        assertThat(namesAskedFor).isEmpty();
        // A tagless reply now goes to nobody (the help text), not to an older alert's customer.
        assertThat(lastAlerted).containsEntry(OWNER + "#" + LINE, "(withheld)").containsEntry(HELPER + "#" + LINE, "(withheld)");
    }

    @Test
    void theNameTheCallerGaveIsShown() {
        alerts().handle(withheld(AlertJob.Trigger.transcript, "Dave Miller", "Hi, this is Dave."));
        assertThat(texts.get(0).body()).startsWith("Voicemail from a withheld number (Dave Miller), 0:42 - ");
    }

    @Test
    void theDeadlineAlertsOnceAndTheLateTranscriptSendsNothingMore() {
        OwnerAlerts alerts = alerts();
        alerts.handle(withheld(AlertJob.Trigger.deadline, null, null));
        settled.add("RE1");
        alerts.handle(withheld(AlertJob.Trigger.transcript, null, "Hi, my brakes are grinding."));
        // The transcript named a number (the transcriber then alerts about it): still the same event, no second text.
        alerts.handle(new AlertJob.Voicemail("CA1", "RE1", CUSTOMER, LINE, NOW.toString(), 42,
                AlertJob.Trigger.transcript, null, null, null, "Call me at 904 555 0123", null));

        assertThat(texts).hasSize(2);
        assertThat(texts.get(0).body()).isEqualTo("Voicemail from a withheld number, 0:42 - 2015 Honda Civic, brake pads"
                + " (transcript to follow) (cannot be answered by reply) https://phone.example.com/recordings/RE1");
        assertThat(emails).hasSize(1);
    }

    @Test
    void aLongTranscriptKeepsTheWithheldNoticeAndTheLinkWithinTwoSegments() {
        alerts().handle(withheld(AlertJob.Trigger.transcript, "Dave", "word ".repeat(200).strip()));
        String body = texts.get(0).body();
        assertThat(SmsSegments.count(body)).isLessThanOrEqualTo(2);
        assertThat(body).startsWith("Voicemail from a withheld number").contains("(cannot be answered by reply)")
                .endsWith("https://phone.example.com/recordings/RE1").contains("word word");
    }

    @Test
    void theEmailSaysTheNumberIsWithheldAndHasNoReplyTag() {
        alerts().handle(withheld(AlertJob.Trigger.transcript, null, "Hi <there> & hello"));
        assertThat(emails).singleElement().satisfies(email -> {
            assertThat(email[0]).isEqualTo("[Mechanic St. Augustine] Voicemail from a withheld number");
            assertThat(email[1]).contains("withheld by the caller: this cannot be answered by reply")
                    .contains("Hi <there> & hello").contains("https://phone.example.com/recordings/RE1")
                    .doesNotContain("Reply tag");
            assertThat(email[2]).contains("Hi &lt;there&gt; &amp; hello").contains("Open the recording");
        });
    }

    @Test
    void aWithheldMissedCallIsAlertedOnceWithoutATag() {
        OwnerAlerts alerts = alerts();
        AlertJob.MissedCall job = new AlertJob.MissedCall("CA9", null, LINE, "2026-11-22T20:42:00Z");
        alerts.handle(job);
        alerts.handle(job);
        assertThat(texts).extracting(OutgoingText::body).containsExactly(
                "Missed call from a withheld number at 3:42 PM (no voicemail; cannot be called or texted back)",
                "Missed call from a withheld number at 3:42 PM (no voicemail; cannot be called or texted back)");
        assertThat(texts).extracting(OutgoingText::key).containsExactly("alert:missed-call:CA9:" + OWNER,
                "alert:missed-call:CA9:" + HELPER);
        assertThat(tagsMade).isEmpty();
    }

    @Test
    void onlyCallsMayBeAboutAWithheldNumberAndTheJobSurvivesTheQueue() throws Exception {
        withheld(AlertJob.Trigger.deadline, null, null).validate();
        new AlertJob.MissedCall("CA9", null, LINE, NOW.toString()).validate();
        assertThatThrownBy(() -> new AlertJob.Text("SM1", null, LINE, NOW.toString(), "hi", 0).validate())
                .hasMessageContaining("customer");
        assertThatThrownBy(() -> new AlertJob.Voicemail("CA1", "RE1", "anonymous", LINE, NOW.toString(), 1,
                AlertJob.Trigger.deadline, null, null, null, null, null).validate()).hasMessageContaining("customer");

        String wire = Json.MAPPER.writeValueAsString(withheld(AlertJob.Trigger.deadline, null, null));
        assertThat(wire).contains("\"kind\":\"voicemail\"").doesNotContain("customer").doesNotContain("withheld");
        AlertJob back = Json.MAPPER.readValue(wire, AlertJob.class);
        assertThat(back).isInstanceOfSatisfying(AlertJob.Voicemail.class, v -> assertThat(v.withheld()).isTrue());
    }

    @Test
    void theSampleEventIsAWithheldVoicemail() throws Exception {
        String sample = java.nio.file.Files.readString(dev.switchboard.shared.testing.TwilioEvents.projectRoot()
                .resolve("events/owner-alerts-voicemail-withheld.json"));
        String body = Json.MAPPER.readTree(sample).path("Records").get(0).path("body").asText();
        AlertJob job = AlertJob.TYPE.read(body);
        job.validate();
        alerts().handle(job);
        assertThat(texts).first().satisfies(text -> assertThat(text.body()).startsWith(
                "Voicemail from a withheld number (Dave), 0:42 - 2015 Honda Civic, brake pads: \"Hi, this is Dave")
                .endsWith("(cannot be answered by reply) https://phone.example.com/recordings/"
                        + "RE0123456789abcdef0123456789abcdee"));
    }

    /** Outcome assertions. */
    static final class OutcomeCheck {
        static void alerted(OwnerAlerts.Outcome outcome) {
            assertThat(outcome.status()).isEqualTo(OwnerAlerts.Outcome.Status.ALERTED);
        }
    }
}
