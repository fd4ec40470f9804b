package dev.switchboard.sms;

import dev.switchboard.shared.jobs.AlertJob;
import dev.switchboard.shared.jobs.CrmSyncJob;
import dev.switchboard.shared.queue.JobQueue;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The owner alert ({@link OwnerNotice}) and the CRM note for a customer's answer to an appointment text. */
final class AppointmentNotices {

    private static final Logger LOG = LoggerFactory.getLogger(AppointmentNotices.class);

    private AppointmentNotices() {
    }

    static AppointmentReplies.Notices of(OwnerNotice owner, Optional<JobQueue> crm) {
        return (appointment, answer, messageSid, now) -> {
            AlertJob.Reply reply = answer == AppointmentReplies.Answer.CONFIRMED
                    ? AlertJob.Reply.confirmed : AlertJob.Reply.reschedule;
            try {
                owner.appointmentReply(appointment, reply, messageSid, now);
            } catch (RuntimeException e) {
                LOG.error("Appointment {}: the owner alert could not be queued: {}", appointment.id(), e.getMessage());
            }
            if (crm.isPresent()) {
                String note = answer == AppointmentReplies.Answer.CONFIRMED
                        ? "Customer confirmed appointment " + appointment.id() + " (" + appointment.at() + ") by text"
                        : "Customer asked by text to reschedule appointment " + appointment.id() + " (" + appointment.at() + ")";
                crm.get().send(new CrmSyncJob.Note(messageSid, now.toString(), appointment.customer(),
                        appointment.line().startsWith("+") ? appointment.line() : null, note));
            }
        };
    }
}
