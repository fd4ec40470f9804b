package dev.switchboard.notify;

import dev.switchboard.shared.appointments.Appointment;
import dev.switchboard.shared.appointments.Appointments;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** {@link NotifyStore} in maps, for the service and sweeper tests. */
final class InMemoryNotifyStore implements NotifyStore {

    final Map<String, Taken> keys = new HashMap<>();
    final Map<String, SendRecord> sends = new HashMap<>();
    final TreeSet<Due> dues = new TreeSet<>(Comparator.comparing(Due::sendAt).thenComparing(Due::id));
    final Map<String, Appointment> appointments = new HashMap<>();
    final Set<String> optedOut = new HashSet<>();
    final Set<String> noticed = new HashSet<>();
    final Map<String, Delivery> deliveries = new HashMap<>();
    boolean broken;

    private void check() {
        if (broken) {
            throw new IllegalStateException("table unreachable");
        }
    }

    @Override
    public Optional<Taken> taken(String key) {
        check();
        return Optional.ofNullable(keys.get(key));
    }

    @Override
    public boolean take(String key, String id, String fingerprint, Instant now) {
        check();
        return keys.putIfAbsent(key, new Taken(id, fingerprint, Optional.empty(), Optional.empty())) == null;
    }

    @Override
    public void answered(String key, int status, String response, Instant now) {
        Taken t = keys.get(key);
        keys.put(key, new Taken(t.id(), t.fingerprint(), Optional.of(status), Optional.of(response)));
    }

    @Override
    public void release(String key) {
        keys.remove(key);
    }

    @Override
    public boolean canText(String phone) {
        check();
        return !optedOut.contains(phone);
    }

    @Override
    public boolean firstText(String phone, Instant now) {
        return noticed.add(phone);
    }

    @Override
    public void forgetFirstText(String phone) {
        noticed.remove(phone);
    }

    @Override
    public void save(SendRecord record) {
        check();
        sends.put(record.id(), record);
        if (SendRecord.SCHEDULED.equals(record.status())) {
            dues.add(new Due(record.sendAt().orElseThrow(), record.id()));
        }
    }

    @Override
    public Optional<SendRecord> find(String id) {
        return Optional.ofNullable(sends.get(id));
    }

    @Override
    public void settle(String id, String status, Optional<String> sid, Optional<String> detail, Instant now) {
        sends.computeIfPresent(id, (k, r) -> r.withStatus(status, sid, detail));
    }

    @Override
    public boolean claimDue(String id, Instant now) {
        SendRecord r = sends.get(id);
        if (r == null || !SendRecord.SCHEDULED.equals(r.status())) {
            return false;
        }
        sends.put(id, r.withStatus(SendRecord.SENDING, Optional.empty(), Optional.empty()));
        return true;
    }

    @Override
    public boolean cancel(String id, String status, String reason, Instant now) {
        SendRecord r = sends.get(id);
        dues.removeIf(d -> d.id().equals(id));
        if (r == null || !SendRecord.SCHEDULED.equals(r.status())) {
            return false;
        }
        sends.put(id, r.withStatus(status, Optional.empty(), Optional.of(reason)));
        return true;
    }

    @Override
    public void reschedule(String id, Instant from, Instant to, Instant now) {
        dues.remove(new Due(from, id));
        dues.add(new Due(to, id));
        SendRecord r = sends.get(id);
        sends.put(id, new SendRecord(r.id(), r.to(), r.line(), r.from(), r.template(), r.body(), r.status(),
                Optional.of(to), r.messageSid(), r.appointmentId(), r.appointmentAt(), r.urgent(), r.createdAt(), r.detail()));
    }

    @Override
    public List<Due> due(Instant now, int lookBackDays, int limit) {
        return new ArrayList<>(dues.stream().filter(d -> !d.sendAt().isAfter(now)).limit(limit).toList());
    }

    @Override
    public void removeDue(Due due) {
        dues.remove(due);
    }

    @Override
    public Optional<Appointment> appointment(String id) {
        check();
        return Optional.ofNullable(appointments.get(id));
    }

    @Override
    public void book(Appointment appointment, Instant now) {
        appointments.put(appointment.id(), appointment);
    }

    @Override
    public void cancelAppointment(String id, Instant now) {
        Appointment a = appointments.get(id);
        appointments.put(id, new Appointment(a.id(), a.customer(), a.line(), a.at(), a.address(), Appointments.CANCELLED,
                a.reminderIds()));
    }

    @Override
    public Optional<Delivery> delivery(String messageSid) {
        return Optional.ofNullable(deliveries.get(messageSid));
    }

    @Override
    public Optional<Delivery> ledger(String textKey) {
        return Optional.empty();
    }

    List<SendRecord> scheduled() {
        return sends.values().stream().filter(r -> SendRecord.SCHEDULED.equals(r.status()))
                .sorted(Comparator.comparing(r -> r.sendAt().orElseThrow())).toList();
    }
}
