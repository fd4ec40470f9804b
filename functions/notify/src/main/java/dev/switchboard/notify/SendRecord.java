package dev.switchboard.notify;

import java.time.Instant;
import java.util.Optional;

/**
 * One customer text ({@code SEND#<id>}): what it says, to whom, from which line, and what became of it.
 *
 * @param line          the business line's key (its number) the text belongs to
 * @param from          the sending number; empty sends through the messaging service
 * @param status        {@code scheduled}, {@code sending}, {@code sent}, {@code queued}, {@code cancelled},
 *                      {@code skipped} (opted out, or its appointment is off) or {@code failed}
 * @param sendAt        when a scheduled text goes
 * @param appointmentId the appointment a confirmation, reminder or cancellation is about
 * @param appointmentAt the appointment's time when the text was written (a reminder checks it still holds)
 */
public record SendRecord(String id, String to, String line, Optional<String> from, Template template, String body,
                         String status, Optional<Instant> sendAt, Optional<String> messageSid,
                         Optional<String> appointmentId, Optional<Instant> appointmentAt, boolean urgent,
                         Instant createdAt, Optional<String> detail) {

    public static final String SCHEDULED = "scheduled";
    public static final String SENDING = "sending";
    public static final String SENT = "sent";
    public static final String QUEUED = "queued";
    public static final String CANCELLED = "cancelled";
    public static final String SKIPPED = "skipped";
    public static final String FAILED = "failed";

    /** The key of its text in the outbound pipeline ({@code TEXT#notify:<id>}): sent at most once. */
    public String textKey() {
        return "notify:" + id;
    }

    public SendRecord withStatus(String newStatus, Optional<String> sid, Optional<String> newDetail) {
        return new SendRecord(id, to, line, from, template, body, newStatus, sendAt, sid.or(() -> messageSid),
                appointmentId, appointmentAt, urgent, createdAt, newDetail);
    }
}
