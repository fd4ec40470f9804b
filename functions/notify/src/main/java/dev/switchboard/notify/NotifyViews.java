package dev.switchboard.notify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/notify/{id}}: the text's status (scheduled, sent, queued, cancelled, skipped, failed),
 * its time, its Twilio message and Twilio's delivery status ({@code delivered}, {@code undelivered} with the
 * error code), and for a confirmation the reminders scheduled with it.
 */
public final class NotifyViews {

    private final NotifyStore store;

    public NotifyViews(NotifyStore store) {
        this.store = store;
    }

    public Optional<Map<String, Object>> of(String id) {
        if (id == null || !id.matches("N-[0-9a-f]{20}(-r\\d+m)?")) {
            return Optional.empty();
        }
        return store.find(id).map(record -> {
            Map<String, Object> view = view(record);
            if (record.template() == Template.APPOINTMENT_CONFIRMED && record.appointmentId().isPresent()) {
                store.appointment(record.appointmentId().get()).ifPresent(appointment -> {
                    view.put("appointment", Map.of("id", appointment.id(), "at", appointment.at().toString(),
                            "status", appointment.status()));
                    List<Map<String, Object>> reminders = new ArrayList<>();
                    for (String reminderId : appointment.reminderIds()) {
                        if (reminderId.startsWith(record.id())) {
                            store.find(reminderId).ifPresent(r -> reminders.add(view(r)));
                        }
                    }
                    view.put("reminders", reminders);
                });
            }
            return view;
        });
    }

    private Map<String, Object> view(SendRecord record) {
        String status = record.status();
        Optional<String> sid = record.messageSid();
        if (SendRecord.QUEUED.equals(status) || SendRecord.SENDING.equals(status)) {
            Optional<NotifyStore.Delivery> ledger = store.ledger(record.textKey());
            if (ledger.isPresent() && ledger.get().sid().isPresent()) {
                sid = ledger.get().sid();
                status = SendRecord.SENT;
            } else if (ledger.isPresent() && !"sending".equals(ledger.get().status())
                    && !"queued".equals(ledger.get().status())) {
                status = "skipped".equals(ledger.get().status()) ? SendRecord.SKIPPED : SendRecord.FAILED;
            } else {
                status = SendRecord.QUEUED;
            }
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", record.id());
        view.put("template", record.template().id());
        view.put("to", record.to());
        view.put("status", status);
        record.sendAt().ifPresent(at -> view.put("sendAt", at.toString()));
        record.detail().filter(d -> !SendRecord.SENT.equals(record.status())).ifPresent(d -> view.put("detail", d));
        record.appointmentId().ifPresent(a -> view.put("appointmentId", a));
        view.put("createdAt", record.createdAt().toString());
        if (sid.isPresent()) {
            view.put("messageSid", sid.get());
            Optional<NotifyStore.Delivery> delivery = store.delivery(sid.get());
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("status", delivery.map(NotifyStore.Delivery::status).orElse("sent"));
            delivery.flatMap(NotifyStore.Delivery::errorCode).ifPresent(code -> d.put("errorCode", code));
            view.put("delivery", d);
        }
        return view;
    }
}
