package dev.switchboard.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.shared.contacts.ContactProfiles;
import dev.switchboard.shared.jobs.AlertJob;
import dev.switchboard.shared.queue.RetryLater;
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

/** The alert rules, with texts, e-mails, tags and names in memory. */
class OwnerAlertsTest {

    static final String LINE = AlertsFixture.LINE;
    static final String OWNER = AlertsFixture.OWNER;
    static final String HELPER = AlertsFixture.HELPER;
    static final String CUSTOMER = AlertsFixture.CUSTOMER;
    static final Instant NOW = AlertsFixture.NOW;

    final Map<String, String> env = AlertsFixture.environment();

    final List<OutgoingText> texts = new ArrayList<>();
    final Set<String> textKeys = new HashSet<>();
    final Set<String> optedOut = new HashSet<>();
    final List<String> emails = new ArrayList<>();
    final List<AlertJob> requeued = new ArrayList<>();
    final Map<String, String> names = new HashMap<>();
    final Map<String, String> lastAlerted = new HashMap<>();
    final Set<String> settled = new HashSet<>();
    boolean sesDown;

    final AlertStore store = new AlertStore() {
        @Override
        public String tagFor(String line, String customer, Instant now) {
            return "K7";
        }

        @Override
        public void alerted(String staff, String line, String customer, Instant now) {
            lastAlerted.put(staff + "#" + line, customer);
        }

        @Override
        public Optional<String> name(String customer) {
            return Optional.ofNullable(names.get(customer));
        }

        @Override
        public void rememberName(String customer, String name, ContactProfiles.NameSource source, Instant now) {
            names.putIfAbsent(customer, name);
        }

        @Override
        public boolean transcriptSettled(String recordingSid) {
            return settled.contains(recordingSid);
        }
    };

    OwnerAlerts alerts() {
        return AlertsFixture.alerts(env, "+19045550999"::equals, store, text -> {
            if (optedOut.contains(text.to())) {
                return new SendResult(SendResult.Status.OPTED_OUT, Optional.empty(), "recipient opted out");
            }
            if (!textKeys.add(text.key())) {
                return new SendResult(SendResult.Status.DUPLICATE, Optional.of("SMold"), "sent");
            }
            texts.add(text);
            return new SendResult(SendResult.Status.SENT, Optional.of("SM" + texts.size()), "queued");
        }, (from, to, subject, text, html) -> {
            if (sesDown) {
                throw new IllegalStateException("SES unavailable");
            }
            emails.add(from + "|" + to + "|" + subject + "|" + text + "|" + html);
        }, requeued::add);
    }

    static AlertJob.Voicemail voicemail(AlertJob.Trigger trigger, String excerpt) {
        return new AlertJob.Voicemail("CA1", "RE1", CUSTOMER, LINE, NOW.toString(), 42, trigger, "Dave Miller",
                "2015 Honda Civic", "brake pads", excerpt, excerpt);
    }

    @Test
    void aVoicemailAlertsEveryStaffMemberOnceWithTagNameVehicleServiceTranscriptAndLink() {
        OwnerAlerts alerts = alerts();
        AlertJob.Voicemail job = voicemail(AlertJob.Trigger.transcript, "Hi, my brakes are grinding, can you help?");
        alerts.handle(job);
        alerts.handle(job);
        assertThat(texts).extracting(OutgoingText::to).containsExactly(OWNER, HELPER);
        assertThat(texts.get(0).from()).contains(LINE);
        assertThat(texts.get(0).key()).isEqualTo("alert:voicemail:RE1:" + OWNER);
        assertThat(texts.get(0).body()).isEqualTo("#K7 Voicemail 0:42 from Dave Miller +1 904-555-0123 - 2015 Honda"
                + " Civic, brake pads: \"Hi, my brakes are grinding, can you help?\" https://phone.example.com/inbox/c/"
                + CUSTOMER);
        assertThat(emails).hasSize(1);
        assertThat(lastAlerted).containsEntry(OWNER + "#" + LINE, CUSTOMER).containsEntry(HELPER + "#" + LINE, CUSTOMER);
        assertThat(names).containsEntry(CUSTOMER, "Dave Miller");
    }

    @Test
    void aLongTranscriptIsCutToTwoSegmentsNeverTheNumberOrLink() {
        String longTranscript = "word ".repeat(200).strip();
        alerts().handle(voicemail(AlertJob.Trigger.transcript, longTranscript));
        String body = texts.get(0).body();
        assertThat(SmsSegments.count(body)).isLessThanOrEqualTo(2);
        assertThat(body).contains("+1 904-555-0123").endsWith("https://phone.example.com/inbox/c/" + CUSTOMER)
                .contains("word word").contains("...\"");
    }

    @Test
    void theDeadlineSendsTranscriptToFollowAndTheLateTranscriptSendsNothingMore() {
        OwnerAlerts alerts = alerts();
        alerts.handle(voicemail(AlertJob.Trigger.deadline, null));
        assertThat(texts).hasSize(2);
        assertThat(texts.get(0).body()).contains("(transcript to follow)");
        alerts.handle(voicemail(AlertJob.Trigger.transcript, "Hi there"));
        assertThat(texts).hasSize(2);
        assertThat(emails).hasSize(1);
    }

    @Test
    void theDeadlineAfterTheTranscriberFinishedSendsNothing() {
        settled.add("RE1");
        assertThat(alerts().handle(voicemail(AlertJob.Trigger.deadline, null)).status())
                .isEqualTo(OwnerAlerts.Outcome.Status.NOT_DUE);
        assertThat(texts).isEmpty();
    }

    @Test
    void withoutTranscriptionTheAlertSaysWhatIsKnown() {
        alerts().handle(new AlertJob.Voicemail("CA1", "RE1", CUSTOMER, LINE, NOW.toString(), 65,
                AlertJob.Trigger.untranscribed, null, null, null, null, null));
        assertThat(texts.get(0).body()).isEqualTo("#K7 Voicemail 1:05 from +1 904-555-0123 https://phone.example.com/inbox/c/"
                + CUSTOMER);
    }

    @Test
    void aQuoteAlertNamesTheJobAndEstimate() {
        alerts().handle(new AlertJob.Quote("L1", CUSTOMER, LINE, NOW.toString(), "John Doe", "2018 Toyota Camry",
                "Oil change", "50.00", "USD"));
        assertThat(texts.get(0).body()).isEqualTo("#K7 Quote from John Doe +1 904-555-0123 - 2018 Toyota Camry, Oil change,"
                + " $50.00 https://phone.example.com/inbox/c/" + CUSTOMER);
        alerts().handle(new AlertJob.Quote("L2", CUSTOMER, LINE, NOW.toString(), "John Doe", null, "Mystery noise", null,
                "USD"));
        assertThat(texts.get(2).body()).contains("Mystery noise, no price");
    }

    @Test
    void aCustomersTextIsAlertedWithTagNameAndTheText() {
        names.put(CUSTOMER, "Dave");
        alerts().handle(new AlertJob.Text("SM1", CUSTOMER, LINE, NOW.toString(), "Can you come Tuesday?", 0));
        assertThat(texts.get(0).body()).isEqualTo("#K7 Text from Dave +1 904-555-0123: Can you come Tuesday?");
    }

    @Test
    void aMissedCallNamesTheTimeInTheLinesZone() {
        alerts().handle(new AlertJob.MissedCall("CA2", CUSTOMER, LINE, NOW.toString()));
        assertThat(texts.get(0).body()).isEqualTo("#K7 Missed call from +1 904-555-0123 at 3:00 PM (no voicemail)");
    }

    @Test
    void missedCallAlertsAreOffByDefault() {
        env.put("LINES", "{\"" + LINE + "\": {\"forwardTo\": \"" + OWNER + "\"}}");
        assertThat(alerts().handle(new AlertJob.MissedCall("CA2", CUSTOMER, LINE, NOW.toString())).status())
                .isEqualTo(OwnerAlerts.Outcome.Status.TURNED_OFF);
        assertThat(texts).isEmpty();
    }

    @Test
    void aStaffNumberIsNeverAlertedAboutAsACustomer() {
        assertThat(alerts().handle(new AlertJob.Text("SM1", "+19045550999", LINE, NOW.toString(), "hi", 0)).status())
                .isEqualTo(OwnerAlerts.Outcome.Status.STAFF);
        assertThat(texts).isEmpty();
    }

    @Test
    void aStaffMemberWhoOptedOutGetsNoTextButTheEmailStillGoes() {
        optedOut.add(OWNER);
        OwnerAlerts.Outcome outcome = alerts().handle(new AlertJob.Text("SM1", CUSTOMER, LINE, NOW.toString(), "hi", 0));
        assertThat(outcome.texts()).containsExactly(SendResult.Status.OPTED_OUT, SendResult.Status.SENT);
        assertThat(texts).extracting(OutgoingText::to).containsExactly(HELPER);
        assertThat(lastAlerted).doesNotContainKey(OWNER + "#" + LINE);
        assertThat(emails).hasSize(1);
    }

    @Test
    void anSesFailureNeverHoldsBackTheTextsAndIsRetriedThroughTheQueue() {
        sesDown = true;
        OwnerAlerts alerts = alerts();
        OwnerAlerts.Outcome outcome = alerts.handle(new AlertJob.Text("SM1", CUSTOMER, LINE, NOW.toString(), "hi", 0));
        assertThat(texts).hasSize(2);
        assertThat(outcome.emailsQueued()).isEqualTo(1);
        assertThat(requeued).singleElement().isInstanceOfSatisfying(AlertJob.Email.class, email -> {
            assertThat(email.to()).isEqualTo("owner@example.com");
            assertThat(email.key()).isEqualTo("text:SM1:owner@example.com");
        });
        assertThatThrownBy(() -> alerts.handle(requeued.get(0))).isInstanceOf(RetryLater.class);
        sesDown = false;
        alerts.handle(requeued.get(0));
        alerts.handle(requeued.get(0));
        assertThat(emails).hasSize(1);
    }

    @Test
    void theEmailCarriesTheWholeTranscriptEscaped() {
        alerts().handle(new AlertJob.Voicemail("CA1", "RE1", CUSTOMER, LINE, NOW.toString(), 42,
                AlertJob.Trigger.transcript, "<b>Dave</b>", null, null, "Hi <script>", "Hi <script>alert(1)</script> & more"));
        String email = emails.get(0);
        String[] parts = email.split("\\|", 5);
        assertThat(parts[0]).isEqualTo("alerts@example.com");
        assertThat(parts[1]).isEqualTo("owner@example.com");
        assertThat(parts[2]).startsWith("[Mechanic St. Augustine] Voicemail from");
        assertThat(parts[3]).contains("Hi <script>alert(1)</script> & more").contains("https://phone.example.com/inbox/c/");
        assertThat(parts[4]).contains("Hi &lt;script&gt;alert(1)&lt;/script&gt; &amp; more")
                .contains("&lt;b&gt;Dave&lt;/b&gt;").doesNotContain("<script>").doesNotContain("<b>Dave");
    }

    static AlertJob.Appointment appointment(AlertJob.Reply reply, String messageSid) {
        return new AlertJob.Appointment("A-1", CUSTOMER, LINE, NOW.toString(), reply, messageSid, "2026-12-11T15:30:00Z");
    }

    @Test
    void anAppointmentAnswerTellsEveryStaffMemberOnceWithTheTimeInTheLinesZone() {
        names.put(CUSTOMER, "Jane");
        OwnerAlerts alerts = alerts();
        AlertJob.Appointment confirmed = appointment(AlertJob.Reply.confirmed, "SM5");
        assertThat(alerts.handle(confirmed).status()).isEqualTo(OwnerAlerts.Outcome.Status.ALERTED);
        alerts.handle(confirmed);
        assertThat(texts).extracting(OutgoingText::to).containsExactly(OWNER, HELPER);
        assertThat(texts.get(0).key()).isEqualTo("alert:appointment:A-1:SM5:" + OWNER);
        assertThat(texts.get(0).body()).isEqualTo("#K7 Jane (+1 904-555-0123) CONFIRMED Fri, Dec 11 at 10:30 AM");
        assertThat(lastAlerted).containsEntry(OWNER + "#" + LINE, CUSTOMER);

        alerts.handle(appointment(AlertJob.Reply.reschedule, "SM6"));
        assertThat(texts).hasSize(4);
        assertThat(texts.get(2).body())
                .isEqualTo("#K7 Jane (+1 904-555-0123) wants to RESCHEDULE Fri, Dec 11 at 10:30 AM - call them");
        assertThat(emails).hasSize(2);
        String[] parts = emails.get(1).split("\\|", 5);
        assertThat(parts[2]).isEqualTo("[Mechanic St. Augustine] Reschedule requested by Jane +1 904-555-0123");
        assertThat(parts[3]).contains("Wants to reschedule: call them").contains("Fri, Dec 11 at 10:30 AM")
                .contains("A-1");
    }

    @Test
    void anAppointmentAnswerWithoutNameOrTimeStillSaysWhoAndWhat() {
        env.put("LINES", "{\"" + LINE + "\": {\"forwardTo\": \"" + OWNER + "\", \"alerts\": {\"text\": false}}}");
        alerts().handle(new AlertJob.Appointment("A-2", CUSTOMER, LINE, NOW.toString(), AlertJob.Reply.confirmed, "SM7",
                null));
        assertThat(texts).singleElement().extracting(OutgoingText::body)
                .isEqualTo("#K7 +1 904-555-0123 CONFIRMED their appointment");
    }

    @Test
    void aStaffNumberAnsweringAnAppointmentTextIsNoAlert() {
        OwnerAlerts.Outcome outcome = alerts().handle(new AlertJob.Appointment("A-3", "+19045550999", LINE,
                NOW.toString(), AlertJob.Reply.confirmed, "SM8", null));
        assertThat(outcome.status()).isEqualTo(OwnerAlerts.Outcome.Status.STAFF);
        assertThat(texts).isEmpty();
    }
}
