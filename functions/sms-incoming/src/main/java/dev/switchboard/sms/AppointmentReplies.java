package dev.switchboard.sms;

import dev.switchboard.shared.appointments.Appointment;
import dev.switchboard.shared.appointments.Appointments;
import dev.switchboard.shared.config.Line;
import dev.switchboard.shared.logging.PhoneMask;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A customer's answer to an appointment confirmation or reminder (issue 15): {@code C}, {@code YES} or
 * {@code Y} confirms the appointment (stored, a CRM note, the owner alert "confirmed"); {@code R} or
 * {@code RESCHEDULE} tells the owner they want another time and answers "We'll call you to find a new time".
 * Only while the customer has an appointment on that line that is booked and not yet over; anything else
 * is left to the rest of {@link IncomingSmsService} (forwarded to the owner, STOP/START/HELP as always).
 */
public final class AppointmentReplies {

    static final Set<String> CONFIRM = Set.of("C", "Y", "YES", "CONFIRM", "CONFIRMED");
    static final Set<String> RESCHEDULE = Set.of("R", "RESCHEDULE");
    /** An appointment stays answerable this long after its time (a late "C" is still about it). */
    static final Duration GRACE = Duration.ofHours(12);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("EEE, MMM d 'at' h:mm a", Locale.US);
    private static final Logger LOG = LoggerFactory.getLogger(AppointmentReplies.class);

    /** What the customer answered. */
    public enum Answer { CONFIRMED, RESCHEDULE }

    /** The appointments a reply can be about. */
    public interface Store {
        Optional<Appointment> latestFor(String customer, String line);

        /** Records the answer; false when it already had it (a repeat) or the appointment is cancelled. */
        boolean answer(String appointmentId, String status, Instant now);

        static Store of(Appointments appointments) {
            return new Store() {
                @Override
                public Optional<Appointment> latestFor(String customer, String line) {
                    return appointments.latestFor(customer, line);
                }

                @Override
                public boolean answer(String appointmentId, String status, Instant now) {
                    return appointments.answer(appointmentId, status, now);
                }
            };
        }
    }

    /** Tells the owner (the alerts function, through its queue) and the CRM (a note) what the customer said. */
    public interface Notices {
        void answered(Appointment appointment, Answer answer, String messageSid, Instant now);

        Notices NONE = (appointment, answer, sid, now) -> { };
    }

    private final Store store;
    private final Notices notices;

    public AppointmentReplies(Store store, Notices notices) {
        this.store = store;
        this.notices = notices;
    }

    /** No appointments: every text is handled as before. */
    public static AppointmentReplies none() {
        return new AppointmentReplies(new Store() {
            @Override
            public Optional<Appointment> latestFor(String customer, String line) {
                return Optional.empty();
            }

            @Override
            public boolean answer(String appointmentId, String status, Instant now) {
                return false;
            }
        }, Notices.NONE);
    }

    static Optional<Answer> classify(String body) {
        String word = body == null ? "" : body.strip().replaceAll("[.!]+$", "").toUpperCase(Locale.ROOT);
        if (CONFIRM.contains(word)) {
            return Optional.of(Answer.CONFIRMED);
        }
        if (RESCHEDULE.contains(word)) {
            return Optional.of(Answer.RESCHEDULE);
        }
        return Optional.empty();
    }

    /**
     * @param first whether this delivery of the text is its first (a redelivery answers again, alerts nobody)
     * @return the answer to text back, when the text was an answer to an appointment
     */
    public Optional<String> handle(IncomingText text, Line line, boolean first, Instant now) {
        Optional<Answer> answer = classify(text.body());
        if (answer.isEmpty()) {
            return Optional.empty();
        }
        Optional<Appointment> appointment;
        try {
            appointment = store.latestFor(text.from(), Appointments.lineKey(line))
                    .filter(a -> !a.cancelled() && a.at().plus(GRACE).isAfter(now));
        } catch (RuntimeException e) {
            LOG.error("Appointments unavailable ({}); {} from {} handled as a plain text", e.getMessage(),
                    text.body().strip(), PhoneMask.mask(text.from()));
            return Optional.empty();
        }
        if (appointment.isEmpty()) {
            return Optional.empty();
        }
        Appointment a = appointment.get();
        String status = answer.get() == Answer.CONFIRMED ? Appointments.CONFIRMED : Appointments.RESCHEDULE;
        boolean changed = false;
        if (first) {
            try {
                changed = store.answer(a.id(), status, now);
            } catch (RuntimeException e) {
                LOG.error("Appointment {}: the answer {} could not be stored ({}); the owner is told anyway", a.id(),
                        status, e.getMessage());
                changed = true;
            }
        }
        if (changed) {
            try {
                notices.answered(a, answer.get(), text.messageSid(), now);
            } catch (RuntimeException e) {
                LOG.error("Appointment {}: the owner alert / CRM note for '{}' failed: {}", a.id(), status, e.getMessage());
            }
        }
        LOG.info("Appointment {}: {} answered {}{}", a.id(), PhoneMask.mask(text.from()), status,
                changed ? "" : " (already recorded)");
        String when = DATE_TIME.format(a.at().atZone(line.timeZone()));
        return Optional.of(answer.get() == Answer.CONFIRMED
                ? "Thanks, you're confirmed for " + when + ". See you then! - " + line.businessName()
                : "Got it. We'll call you to find a new time. - " + line.businessName());
    }
}
