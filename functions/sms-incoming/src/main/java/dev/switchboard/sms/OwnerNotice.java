package dev.switchboard.sms;

import dev.switchboard.shared.appointments.Appointment;
import dev.switchboard.shared.jobs.AlertJob;
import dev.switchboard.shared.phone.E164;
import dev.switchboard.shared.queue.JobSender;
import java.time.Instant;

/**
 * Tells the owner a customer answered an appointment text: an {@link AlertJob.Appointment} on the alert queue
 * ({@code ALERT_QUEUE_URL}), which the owner-alerts function turns into the alert text and e-mail.
 */
@FunctionalInterface
public interface OwnerNotice {

    /**
     * @param messageSid the customer's answering text
     * @param now        when it was received
     */
    void appointmentReply(Appointment appointment, AlertJob.Reply reply, String messageSid, Instant now);

    /** The alert job for an answer; the line is left out (the fallback line) when the appointment has no number. */
    static AlertJob.Appointment job(Appointment appointment, AlertJob.Reply reply, String messageSid, Instant now) {
        String line = appointment.line() != null && E164.isE164(appointment.line()) ? appointment.line() : null;
        return new AlertJob.Appointment(appointment.id(), appointment.customer(), line, now.toString(), reply,
                messageSid, appointment.at() == null ? null : appointment.at().toString());
    }

    /** On the alert queue. */
    static OwnerNotice queued(JobSender<AlertJob> alerts) {
        return (appointment, reply, messageSid, now) -> alerts.send(job(appointment, reply, messageSid, now));
    }
}
