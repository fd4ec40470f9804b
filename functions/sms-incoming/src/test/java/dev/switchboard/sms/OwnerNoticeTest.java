package dev.switchboard.sms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.shared.appointments.Appointment;
import dev.switchboard.shared.appointments.Appointments;
import dev.switchboard.shared.jobs.AlertJob;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** An appointment answer reaches the alert queue as a typed, valid {@link AlertJob.Appointment}. */
class OwnerNoticeTest {

    static final Instant NOW = Instant.parse("2026-12-10T18:00:00Z");
    final List<AlertJob> queued = new ArrayList<>();

    static Appointment appointment(String line) {
        return new Appointment("A-1", "+19045550123", line, Instant.parse("2026-12-11T15:30:00Z"), Optional.empty(),
                Appointments.BOOKED, List.of());
    }

    @Test
    void anAnswerIsQueuedAsATypedAppointmentAlert() {
        AppointmentNotices.of(OwnerNotice.queued(queued::add), Optional.empty())
                .answered(appointment("+19045550200"), AppointmentReplies.Answer.RESCHEDULE, "SM9", NOW);
        assertThat(queued).singleElement().isEqualTo(new AlertJob.Appointment("A-1", "+19045550123", "+19045550200",
                NOW.toString(), AlertJob.Reply.reschedule, "SM9", "2026-12-11T15:30:00Z"));
        queued.get(0).validate();
        assertThat(queued.get(0).eventKey()).isEqualTo("appointment:A-1:SM9");
    }

    @Test
    void anAppointmentOnTheFallbackLineIsAlertedOnTheFallbackLine() {
        AlertJob.Appointment job = OwnerNotice.job(appointment("default"), AlertJob.Reply.confirmed, "SM9", NOW);
        job.validate();
        assertThat(job.line()).isNull();
    }
}
