package dev.switchboard.shared.appointments;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An appointment as stored ({@code APPT#<id>}).
 *
 * @param line        the business line (E.164) the customer is texted from and replies to
 * @param status      {@code booked}, {@code confirmed}, {@code reschedule} or {@code cancelled}
 * @param reminderIds the notify ids ({@code SEND#<id>}) of the reminders scheduled for it
 */
public record Appointment(String id, String customer, String line, Instant at, Optional<String> address,
                          String status, List<String> reminderIds) {

    public boolean cancelled() {
        return Appointments.CANCELLED.equals(status);
    }
}
