package dev.switchboard.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.shared.appointments.Appointment;
import dev.switchboard.shared.appointments.Appointments;
import dev.switchboard.shared.testing.Emulators;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The notify items against DynamoDB Local: the due-time index across UTC days, a scheduled text taken once,
 * cancelled and moved, idempotency keys and appointments with the customer's answer. The due partitions are
 * shared with other tests, so each test uses a day of its own far in the future.
 */
class DynamoNotifyStoreTest {

    final DynamoNotifyStore store = new DynamoNotifyStore(Emulators.shared().table());
    final Appointments appointments = new Appointments(Emulators.shared().table());
    final Instant day = Instant.parse("2031-01-01T00:00:00Z")
            .plus(Duration.ofDays(Math.abs(UUID.randomUUID().hashCode()) % 3000));

    SendRecord scheduled(String id, Instant at) {
        return new SendRecord(id, "+19045550123", "+19045550200", Optional.of("+19045550200"), Template.APPOINTMENT_REMINDER,
                "Reminder", SendRecord.SCHEDULED, Optional.of(at), Optional.empty(), Optional.of("A-" + id),
                Optional.of(at.plus(Duration.ofHours(2))), false, at.minus(Duration.ofDays(1)), Optional.empty());
    }

    static String id() {
        return "N-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    @Test
    void dueTextsAcrossMidnightAreFoundOldestFirstAndTakenOnce() {
        String late = id();
        String early = id();
        String future = id();
        Instant midnight = day.plus(Duration.ofDays(1));
        store.save(scheduled(late, midnight.plus(Duration.ofMinutes(5))));
        store.save(scheduled(early, midnight.minus(Duration.ofMinutes(5))));
        store.save(scheduled(future, midnight.plus(Duration.ofHours(3))));

        List<NotifyStore.Due> due = store.due(midnight.plus(Duration.ofMinutes(10)), 1, 50);
        assertThat(due).extracting(NotifyStore.Due::id).containsExactly(early, late);
        assertThat(store.claimDue(early, midnight)).isTrue();
        assertThat(store.claimDue(early, midnight)).isFalse();
        assertThat(store.find(early).orElseThrow().status()).isEqualTo(SendRecord.SENDING);
        store.removeDue(due.get(0));
        store.settle(early, SendRecord.SENT, Optional.of("SM1"), Optional.empty(), midnight);
        assertThat(store.find(early).orElseThrow().messageSid()).contains("SM1");

        assertThat(store.cancel(late, SendRecord.CANCELLED, "rescheduled", midnight)).isTrue();
        assertThat(store.cancel(late, SendRecord.CANCELLED, "rescheduled", midnight)).isFalse();
        assertThat(store.claimDue(late, midnight)).isFalse();
        store.reschedule(future, midnight.plus(Duration.ofHours(3)), midnight.plus(Duration.ofHours(9)), midnight);
        assertThat(store.due(midnight.plus(Duration.ofHours(8)), 1, 50)).isEmpty();
        assertThat(store.due(midnight.plus(Duration.ofHours(9)), 1, 50)).extracting(NotifyStore.Due::id)
                .containsExactly(future);
    }

    @Test
    void anIdempotencyKeyIsTakenOnceAndKeepsItsAnswer() {
        String key = "key-" + UUID.randomUUID();
        assertThat(store.take(key, "N-1", "fp", day)).isTrue();
        assertThat(store.take(key, "N-2", "fp", day)).isFalse();
        store.answered(key, 202, "{\"id\":\"N-1\",\"status\":\"sent\"}", day);
        assertThat(store.taken(key).orElseThrow()).isEqualTo(new NotifyStore.Taken("N-1", "fp", Optional.of(202),
                Optional.of("{\"id\":\"N-1\",\"status\":\"sent\"}")));
        String phone = String.format("+1555%07d", Math.abs(key.hashCode()) % 10_000_000);
        assertThat(store.firstText(phone, day)).isTrue();
        assertThat(store.firstText(phone, day)).isFalse();
    }

    @Test
    void anAppointmentIsBookedAnsweredOnceAndFoundFromTheCustomersReply() {
        String id = "A-" + UUID.randomUUID();
        String customer = String.format("+1555%07d", Math.abs(id.hashCode()) % 10_000_000);
        appointments.book(new Appointment(id, customer, "+19045550200", day, Optional.of("12 King St"),
                Appointments.BOOKED, List.of("N-a", "N-b")), day);
        assertThat(appointments.latestFor(customer, "+19045550200")).hasValueSatisfying(a -> {
            assertThat(a.id()).isEqualTo(id);
            assertThat(a.reminderIds()).containsExactly("N-a", "N-b");
            assertThat(a.address()).contains("12 King St");
        });
        assertThat(appointments.answer(id, Appointments.CONFIRMED, day)).isTrue();
        assertThat(appointments.answer(id, Appointments.CONFIRMED, day)).isFalse();
        assertThat(appointments.answer(id, Appointments.RESCHEDULE, day)).isTrue();
        appointments.cancel(id, day);
        assertThat(appointments.answer(id, Appointments.CONFIRMED, day)).isFalse();
        assertThat(appointments.find(id).orElseThrow().cancelled()).isTrue();
        assertThat(appointments.answer("A-none-" + id, Appointments.CONFIRMED, day)).isFalse();
    }
}
