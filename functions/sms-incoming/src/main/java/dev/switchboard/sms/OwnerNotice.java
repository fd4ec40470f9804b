package dev.switchboard.sms;

import dev.switchboard.shared.queue.Job;
import dev.switchboard.shared.queue.JobQueue;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the owner a customer answered an appointment text: a job on the alerts queue
 * ({@code ALERT_QUEUE_URL}), {@code {"kind":"appointment","line":..,"customer":..,"appointmentId":..,
 * "reply":"confirmed"|"reschedule"}}, which the owner-alerts function turns into the alert text.
 */
@FunctionalInterface
public interface OwnerNotice {

    void appointmentReply(String line, String customer, String appointmentId, String reply);

    /** The job on the alerts queue. */
    record AppointmentAlert(String kind, String line, String customer, String appointmentId, String reply) implements Job {

        public AppointmentAlert(String line, String customer, String appointmentId, String reply) {
            this("appointment", line, customer, appointmentId, reply);
        }

        @Override
        public Map<String, String> logFields() {
            return Job.fields("appointmentId", appointmentId);
        }
    }

    /** On the queue named by {@code ALERT_QUEUE_URL}; without one, logged (the owner is not alerted). */
    static OwnerNotice queued(Optional<JobQueue> queue) {
        Logger log = LoggerFactory.getLogger(OwnerNotice.class);
        return (line, customer, appointmentId, reply) -> {
            if (queue.isEmpty()) {
                log.warn("Appointment {}: the customer answered '{}' but ALERT_QUEUE_URL is not set: the owner is not"
                        + " alerted", appointmentId, reply);
                return;
            }
            queue.get().send(new AppointmentAlert(line, customer, appointmentId, reply));
        };
    }
}
