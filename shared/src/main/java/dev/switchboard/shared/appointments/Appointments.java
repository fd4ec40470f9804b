package dev.switchboard.shared.appointments;

import dev.switchboard.shared.storage.Condition;
import dev.switchboard.shared.storage.Item;
import dev.switchboard.shared.storage.Table;
import dev.switchboard.shared.storage.Update;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Owner of the appointment items: {@code APPT#<id>}/{@code APPT} (the appointment the CRM or automation
 * named in {@code POST /api/notify}) and the customer's pointer {@code PHONE#<E.164>}/{@code APPT#<line>}
 * (the appointment a reply "C" or "R" from that customer on that line is about: the latest one booked).
 * Written by the notify function (booked, rescheduled, cancelled) and by sms-incoming (the customer's
 * answer: confirmed, reschedule).
 */
public final class Appointments {

    public static final String SK = "APPT";
    public static final String BOOKED = "booked";
    public static final String CONFIRMED = "confirmed";
    public static final String RESCHEDULE = "reschedule";
    public static final String CANCELLED = "cancelled";

    private final Table table;

    public Appointments(Table table) {
        this.table = table;
    }

    /**
     * The key a line is known by here: its number in {@code LINES}, or for the default line the number it
     * texts from ({@code TWILIO_SMS_FROM}), which is also the {@code To} of the customer's reply.
     */
    public static String lineKey(dev.switchboard.shared.config.Line line) {
        return line.number().or(line::smsFrom).orElse("default");
    }

    public static String pk(String id) {
        return "APPT#" + id;
    }

    static String pointerPk(String customer) {
        return "PHONE#" + customer;
    }

    static String pointerSk(String line) {
        return "APPT#" + line;
    }

    public Optional<Appointment> find(String id) {
        return table.get(pk(id), SK).map(Appointments::read);
    }

    /**
     * Books (or re-books, with a new time) an appointment: status {@code booked}, the reminders now scheduled
     * for it, and the customer's pointer so their reply finds it.
     */
    public void book(Appointment appointment, Instant now) {
        Update update = Update.item(pk(appointment.id()), SK)
                .set("appointmentId", appointment.id())
                .set("customer", appointment.customer())
                .set("line", appointment.line())
                .set("at", appointment.at())
                .set("status", BOOKED)
                .set("reminderIds", AttributeValue.fromL(appointment.reminderIds().stream().map(Item::s).toList()))
                .set("updatedAt", now)
                .keep("createdAt", Item.time(now))
                .remove("confirmedAt");
        appointment.address().ifPresentOrElse(a -> update.set("address", a), () -> update.remove("address"));
        table.update(update);
        table.update(Update.item(pointerPk(appointment.customer()), pointerSk(appointment.line()))
                .set("appointmentId", appointment.id())
                .set("at", appointment.at())
                .set("updatedAt", now));
    }

    /** Marks it cancelled (its reminders are cancelled by their owner). */
    public void cancel(String id, Instant now) {
        table.update(Update.item(pk(id), SK).set("status", CANCELLED).set("updatedAt", now)
                .onlyIf(Condition.exists(Table.PK)));
    }

    /**
     * The customer's answer to a confirmation or reminder.
     *
     * @return true when the status changed now (false when it already had it, or it was cancelled)
     */
    public boolean answer(String id, String status, Instant now) {
        Update update = Update.item(pk(id), SK).set("status", status).set("updatedAt", now)
                .set(status + "At", now)
                .onlyIf(Condition.exists(Table.PK)
                        .and(Condition.not(Condition.in("status", Item.s(CANCELLED), Item.s(status)))));
        return table.update(update);
    }

    /** The appointment a reply from {@code customer} on {@code line} is about: the latest one booked. */
    public Optional<Appointment> latestFor(String customer, String line) {
        return table.get(pointerPk(customer), pointerSk(line))
                .flatMap(pointer -> Item.string(pointer, "appointmentId"))
                .flatMap(this::find);
    }

    static Appointment read(Map<String, AttributeValue> item) {
        AttributeValue ids = item.get("reminderIds");
        List<String> reminders = ids == null || !ids.hasL() ? List.of()
                : ids.l().stream().map(AttributeValue::s).toList();
        return new Appointment(Item.string(item, "appointmentId").orElse(""), Item.string(item, "customer").orElse(""),
                Item.string(item, "line").orElse(""), Instant.parse(Item.string(item, "at").orElseThrow()),
                Item.string(item, "address"), Item.string(item, "status").orElse(BOOKED), reminders);
    }
}
