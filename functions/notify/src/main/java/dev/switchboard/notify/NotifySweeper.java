package dev.switchboard.notify;

import dev.switchboard.shared.appointments.Appointment;
import dev.switchboard.shared.config.Line;
import dev.switchboard.shared.logging.PhoneMask;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the scheduled texts that are due (run every minute by the schedule, so a text goes within a minute
 * or two of its time): each is taken from {@code scheduled} to {@code sending} by a conditional write
 * first, so two overlapping runs never send it twice, and the outbound pipeline's key {@code notify:<id>}
 * guards the send itself. A reminder goes only while its appointment is still on at the same time; a text
 * that falls due in quiet hours (the sweeper was late, or the hours changed) waits for their end.
 */
public final class NotifySweeper {

    /** How far back the due index is read (days): a text overdue by more is left alone. */
    public static final int LOOK_BACK_DAYS = 1;
    public static final int BATCH = 200;
    private static final Logger LOG = LoggerFactory.getLogger(NotifySweeper.class);

    /** What one run did. */
    public record Sweep(int sent, int skipped, int deferred) {
    }

    private final NotifyStore store;
    private final CustomerTexter texter;
    private final Function<String, Line> lineByKey;
    private final Supplier<NotifyOptions> options;
    private final Clock clock;

    public NotifySweeper(NotifyStore store, CustomerTexter texter, Function<String, Line> lineByKey,
                         Supplier<NotifyOptions> options, Clock clock) {
        this.store = store;
        this.texter = texter;
        this.lineByKey = lineByKey;
        this.options = options;
        this.clock = clock;
    }

    public Sweep sweep() {
        Instant now = clock.instant();
        List<NotifyStore.Due> due = store.due(now, LOOK_BACK_DAYS, BATCH);
        int sent = 0;
        int skipped = 0;
        int deferred = 0;
        for (NotifyStore.Due entry : due) {
            try {
                switch (handle(entry, now)) {
                    case SENT -> sent++;
                    case SKIPPED -> skipped++;
                    case DEFERRED -> deferred++;
                    default -> { }
                }
            } catch (RuntimeException e) {
                LOG.error("Scheduled text {} could not be handled now ({}); the next run tries again", entry.id(),
                        e.getMessage());
            }
        }
        if (!due.isEmpty()) {
            LOG.info("Sweep at {}: {} due, {} sent, {} skipped, {} deferred by quiet hours", now, due.size(), sent,
                    skipped, deferred);
        }
        return new Sweep(sent, skipped, deferred);
    }

    private enum Result { SENT, SKIPPED, DEFERRED, NOTHING }

    private Result handle(NotifyStore.Due entry, Instant now) {
        Optional<SendRecord> found = store.find(entry.id());
        if (found.isEmpty() || !SendRecord.SCHEDULED.equals(found.get().status())) {
            store.removeDue(entry);
            return Result.NOTHING;
        }
        SendRecord record = found.get();
        if (record.template() == Template.APPOINTMENT_REMINDER) {
            Optional<String> reason = reminderOff(record, now);
            if (reason.isPresent()) {
                store.cancel(record.id(), SendRecord.SKIPPED, reason.get(), now);
                LOG.info("Reminder {} to {} not sent: {}", record.id(), PhoneMask.mask(record.to()), reason.get());
                return Result.SKIPPED;
            }
        }
        boolean anyHour = record.template() == Template.EN_ROUTE || (record.template() == Template.CUSTOM && record.urgent());
        if (!anyHour) {
            Line line = lineByKey.apply(record.line());
            Instant allowed = options.get().quietHours(record.line()).nextAllowed(now, line.timeZone());
            if (allowed.isAfter(now)) {
                store.reschedule(record.id(), entry.sendAt(), allowed, now);
                return Result.DEFERRED;
            }
        }
        if (!store.claimDue(record.id(), now)) {
            return Result.NOTHING;
        }
        store.removeDue(entry);
        texter.send(record, now);
        return Result.SENT;
    }

    private Optional<String> reminderOff(SendRecord reminder, Instant now) {
        Optional<Appointment> appointment = reminder.appointmentId().flatMap(store::appointment);
        if (appointment.isEmpty()) {
            return Optional.of("its appointment is unknown");
        }
        if (appointment.get().cancelled()) {
            return Optional.of("the appointment was cancelled");
        }
        if (reminder.appointmentAt().isPresent() && !reminder.appointmentAt().get().equals(appointment.get().at())) {
            return Optional.of("the appointment moved");
        }
        if (!appointment.get().at().isAfter(now)) {
            return Optional.of("the appointment has passed");
        }
        return Optional.empty();
    }
}
