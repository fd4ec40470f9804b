package dev.switchboard.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.shared.config.Line;
import dev.switchboard.shared.config.Lines;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.sms.OutgoingText;
import dev.switchboard.shared.sms.SendResult;
import dev.switchboard.shared.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NotifyServiceTest {

    static final String CUSTOMER = "+19045550123";
    static final String FROM = "+19045550200";
    // Wed Dec 9 2026, 15:00 in New York (20:00 UTC): not quiet.
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-09T20:00:00Z"));
    final InMemoryNotifyStore store = new InMemoryNotifyStore();
    final List<OutgoingText> sent = new ArrayList<>();
    SendResult.Status nextResult = SendResult.Status.SENT;
    final Lines lines = Lines.load(Settings.of(Map.of("TWILIO_SMS_FROM", FROM, "BUSINESS_NAME", "Mechanic St. Augustine",
            "BUSINESS_TIME_ZONE", "America/New_York")));
    final CustomerTexter texter = new CustomerTexter(text -> {
        sent.add(text);
        return new SendResult(nextResult, nextResult == SendResult.Status.SENT
                ? Optional.of("SM" + sent.size()) : Optional.empty(), "");
    }, store, Optional.empty(), "http://localhost/twilio/sms/status", CustomerTexter.Listener.NONE);
    final NotifyService service = new NotifyService(n -> n.map(lines::forNumber).orElseGet(lines::fallback),
            NotifyOptions::defaults, store, texter, clock);
    final NotifySweeper sweeper = new NotifySweeper(store, texter, lines::forNumber, NotifyOptions::defaults, clock);
    final NotifyRequestReader reader = new NotifyRequestReader("US", n -> false);

    NotifyService.Outcome post(String json) {
        NotifyRequestReader.Result read = reader.read(json);
        assertThat(read.errors()).isEmpty();
        return service.notify(read.request().orElseThrow());
    }

    static String confirm(String key, String appointmentId, String at) {
        return "{\"to\":\"" + CUSTOMER + "\",\"template\":\"appointment_confirmed\",\"vars\":{\"customer\":\"Ann\"},"
                + "\"appointment\":{\"id\":\"" + appointmentId + "\",\"at\":\"" + at + "\",\"address\":\"12 King St\"},"
                + "\"idempotencyKey\":\"" + key + "\"}";
    }

    @Test
    void aConfirmationIsSentInTheLinesZoneWithTheStopNoticeAndSchedulesTwoReminders() {
        NotifyService.Outcome outcome = post(confirm("k1", "A-1", "2026-12-11T10:30:00-05:00"));

        assertThat(outcome.status()).isEqualTo(202);
        assertThat(outcome.body()).containsEntry("status", "sent");
        assertThat(sent).singleElement().satisfies(text -> {
            assertThat(text.body()).isEqualTo("Hi Ann, your appointment with Mechanic St. Augustine is confirmed for"
                    + " Fri, Dec 11 at 10:30 AM at 12 King St. Reply C to confirm or R to reschedule. Reply STOP to opt out.");
            assertThat(text.to()).isEqualTo(CUSTOMER);
            assertThat(text.from()).contains(FROM);
        });
        assertThat(store.scheduled()).extracting(r -> r.sendAt().orElseThrow()).containsExactly(
                Instant.parse("2026-12-10T15:30:00Z"), Instant.parse("2026-12-11T13:30:00Z"));
        assertThat(store.appointments.get("A-1").reminderIds()).hasSize(2);
    }

    @Test
    void theSameKeyAgainGetsTheSameAnswerAndNoSecondText() {
        NotifyService.Outcome first = post(confirm("k2", "A-2", "2026-12-11T10:30:00-05:00"));
        NotifyService.Outcome again = post(confirm("k2", "A-2", "2026-12-11T10:30:00-05:00"));

        assertThat(again.status()).isEqualTo(202);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(sent).hasSize(1);
        assertThat(store.scheduled()).hasSize(2);
    }

    @Test
    void theSameKeyWithADifferentRequestIsAConflict() {
        post(confirm("k3", "A-3", "2026-12-11T10:30:00-05:00"));
        NotifyService.Outcome other = post(confirm("k3", "A-3", "2026-12-12T10:30:00-05:00"));
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.body()).containsEntry("error", "idempotency_key_reused");
    }

    @Test
    void anOptedOutCustomerGets409AndNothingIsStored() {
        store.optedOut.add(CUSTOMER);
        NotifyService.Outcome outcome = post(confirm("k4", "A-4", "2026-12-11T10:30:00-05:00"));
        assertThat(outcome.status()).isEqualTo(409);
        assertThat(outcome.body()).containsEntry("error", "opted_out");
        assertThat(sent).isEmpty();
        assertThat(store.sends).isEmpty();
        assertThat(store.keys).isEmpty();
        assertThat(store.appointments).isEmpty();
    }

    @Test
    void inQuietHoursATextIsScheduledForTheirEndAndSentThen() {
        clock.set(Instant.parse("2026-12-10T03:00:00Z")); // 22:00 in New York
        NotifyService.Outcome outcome = post("{\"to\":\"" + CUSTOMER + "\",\"template\":\"review_request\","
                + "\"vars\":{\"review_url\":\"https://g.page/r/x\"},\"idempotencyKey\":\"k5\"}");

        assertThat(outcome.body()).containsEntry("status", "scheduled").containsEntry("sendAt", "2026-12-10T13:00:00Z");
        assertThat(sent).isEmpty();
        clock.set(Instant.parse("2026-12-10T12:59:00Z"));
        assertThat(sweeper.sweep().sent()).isZero();
        clock.set(Instant.parse("2026-12-10T13:00:30Z"));
        assertThat(sweeper.sweep().sent()).isEqualTo(1);
        assertThat(sweeper.sweep().sent()).isZero();
        assertThat(sent).singleElement().satisfies(t -> assertThat(t.body()).contains("https://g.page/r/x"));
    }

    @Test
    void enRouteAndUrgentCustomTextsGoDuringQuietHours() {
        clock.set(Instant.parse("2026-12-10T03:00:00Z"));
        assertThat(post("{\"to\":\"" + CUSTOMER + "\",\"template\":\"en_route\",\"vars\":{\"mechanic\":\"Mike\","
                + "\"eta\":15},\"idempotencyKey\":\"k6\"}").body()).containsEntry("status", "sent");
        assertThat(sent.get(0).body()).startsWith("Hi, Mike from Mechanic St. Augustine is on the way and will be there in"
                + " about 15 minutes.");
        assertThat(post("{\"to\":\"" + CUSTOMER + "\",\"template\":\"custom\",\"vars\":{\"body\":\"Gate code 1234\"},"
                + "\"urgent\":true,\"idempotencyKey\":\"k7\"}").body()).containsEntry("status", "sent");
        assertThat(post("{\"to\":\"" + CUSTOMER + "\",\"template\":\"custom\",\"vars\":{\"body\":\"Gate code 1234\"},"
                + "\"idempotencyKey\":\"k8\"}").body()).containsEntry("status", "scheduled");
    }

    @Test
    void rescheduleCancelsTheOldRemindersAndCancelCancelsThemAll() {
        post(confirm("k9", "A-9", "2026-12-12T10:30:00-05:00"));
        List<String> old = store.appointments.get("A-9").reminderIds();
        post(confirm("k10", "A-9", "2026-12-14T09:00:00-05:00"));
        assertThat(old).allSatisfy(id -> assertThat(store.sends.get(id).status()).isEqualTo("cancelled"));
        assertThat(store.scheduled()).extracting(r -> r.sendAt().orElseThrow()).containsExactly(
                Instant.parse("2026-12-13T14:00:00Z"), Instant.parse("2026-12-14T13:00:00Z"));

        NotifyService.Outcome cancel = post("{\"to\":\"" + CUSTOMER + "\",\"template\":\"appointment_cancelled\","
                + "\"appointment\":{\"id\":\"A-9\"},\"idempotencyKey\":\"k11\"}");
        assertThat(cancel.body()).containsEntry("status", "sent");
        assertThat(store.scheduled()).isEmpty();
        assertThat(sent.get(sent.size() - 1).body()).isEqualTo("Hi, your appointment with Mechanic St. Augustine on"
                + " Mon, Dec 14 at 9:00 AM is cancelled. Call or text us to find a new time.");
        clock.advance(Duration.ofDays(6));
        assertThat(sweeper.sweep().sent()).isZero();
    }

    @Test
    void remindersGoOnceAndNotAfterTheCustomerOptedOut() {
        post(confirm("k12", "A-12", "2026-12-12T10:30:00-05:00"));
        clock.set(Instant.parse("2026-12-11T15:31:00Z"));
        assertThat(sweeper.sweep().sent()).isEqualTo(1);
        assertThat(sent.get(1).body()).isEqualTo("Reminder: your appointment with Mechanic St. Augustine is"
                + " Sat, Dec 12 at 10:30 AM at 12 King St. Reply C to confirm or R to reschedule.");
        assertThat(sweeper.sweep().sent()).isZero();
        nextResult = SendResult.Status.OPTED_OUT;
        clock.set(Instant.parse("2026-12-12T13:31:00Z"));
        sweeper.sweep();
        assertThat(store.sends.values()).filteredOn(r -> r.template() == Template.APPOINTMENT_REMINDER)
                .extracting(SendRecord::status).containsExactlyInAnyOrder("sent", "skipped");
    }

    @Test
    void aConfirmationInThePastAndMissingValuesAreRefused() {
        assertThat(post(confirm("k13", "A-13", "2026-12-01T10:30:00-05:00")).body())
                .isEqualTo(Map.of("errors", Map.of("appointment.at", "is in the past")));
        NotifyService.Outcome missing = post("{\"to\":\"" + CUSTOMER + "\",\"template\":\"review_request\","
                + "\"idempotencyKey\":\"k14\"}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body().toString()).contains("vars.review_url");
        assertThat(store.sends).isEmpty();
        assertThat(store.keys).isEmpty();
    }

    @Test
    void aTextOverTwoSegmentsIsRefused() {
        String body = "x".repeat(300);
        NotifyService.Outcome outcome = post("{\"to\":\"" + CUSTOMER + "\",\"template\":\"custom\",\"vars\":{\"body\":\""
                + body + "\"},\"idempotencyKey\":\"k15\"}");
        assertThat(outcome.status()).isEqualTo(400);
        assertThat(outcome.body().toString()).contains("vars.body").contains("3 SMS segments");
        assertThat(sent).isEmpty();
    }

    @Test
    void theStopNoticeGoesOnTheFirstTextOnly() {
        post("{\"to\":\"" + CUSTOMER + "\",\"template\":\"custom\",\"vars\":{\"body\":\"One\"},\"idempotencyKey\":\"a\"}");
        post("{\"to\":\"" + CUSTOMER + "\",\"template\":\"custom\",\"vars\":{\"body\":\"Two\"},\"idempotencyKey\":\"b\"}");
        assertThat(sent).extracting(OutgoingText::body).containsExactly("One Reply STOP to opt out.", "Two");
    }

    @Test
    void aStorageOutageIsA503AndTheKeyStaysFree() {
        store.broken = true;
        assertThat(post(confirm("k16", "A-16", "2026-12-11T10:30:00-05:00")).status()).isEqualTo(503);
        store.broken = false;
        assertThat(post(confirm("k16", "A-16", "2026-12-11T10:30:00-05:00")).status()).isEqualTo(202);
    }

}
