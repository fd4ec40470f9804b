package dev.switchboard.notify;

import dev.switchboard.shared.appointments.Appointment;
import dev.switchboard.shared.config.Line;
import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.logging.LogFields;
import dev.switchboard.shared.logging.PhoneMask;
import dev.switchboard.shared.sms.SendResult;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code POST /api/notify} does with a checked request:
 * <ol>
 *   <li>renders the template for the line (400 naming a missing value; 400 when the text, with the opt-out
 *       notice, would take more than 2 segments);</li>
 *   <li>the same idempotency key again gets the first answer, and nothing is sent again (409 when the key
 *       comes back with a different request);</li>
 *   <li>an opted-out customer gets nothing (409 {@code opted_out}), and nothing is stored;</li>
 *   <li>the text goes now, or at the end of the line's quiet hours ({@code scheduled}, {@code sendAt});
 *       {@code en_route} and an urgent {@code custom} text go now whatever the hour;</li>
 *   <li>a confirmation books the appointment and schedules its reminders (a second one for the same
 *       appointment cancels the earlier reminders first); a cancellation cancels them and says so.</li>
 * </ol>
 */
public final class NotifyService {

    private static final Logger LOG = LoggerFactory.getLogger(NotifyService.class);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, MMM d", Locale.US);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("h:mm a", Locale.US);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The answer to a request: an HTTP status and a JSON body (stored as it is for a repeat). */
    public sealed interface Outcome permits Accepted, Refused, Repeated {
        int status();

        Map<String, Object> body();
    }

    /** 202: sent, queued or scheduled. */
    public record Accepted(String id, String state, Optional<Instant> sendAt) implements Outcome {
        @Override
        public int status() {
            return 202;
        }

        @Override
        public Map<String, Object> body() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", id);
            body.put("status", state);
            sendAt.ifPresent(at -> body.put("sendAt", at.toString()));
            return body;
        }
    }

    /** 4xx/5xx with {@code {"error": ...}} or {@code {"errors": {...}}}. */
    public record Refused(int status, Map<String, Object> body) implements Outcome {
        static Refused invalid(Map<String, String> errors) {
            return new Refused(400, Map.of("errors", new TreeMap<>(errors)));
        }

        static Refused error(int status, String error) {
            return new Refused(status, Map.of("error", error));
        }
    }

    /** The stored answer to an earlier request with the same key. */
    public record Repeated(int status, Map<String, Object> body) implements Outcome {
    }

    private final Function<Optional<String>, Line> lines;
    private final Supplier<NotifyOptions> options;
    private final NotifyStore store;
    private final CustomerTexter texter;
    private final Clock clock;

    /** @param lines the line a request names (or the default line for none) */
    public NotifyService(Function<Optional<String>, Line> lines, Supplier<NotifyOptions> options, NotifyStore store,
                         CustomerTexter texter, Clock clock) {
        this.lines = lines;
        this.options = options;
        this.store = store;
        this.texter = texter;
        this.clock = clock;
    }

    /** The key a line is known by in the store: its number (or the number it texts from). */
    public static String lineKey(Line line) {
        return dev.switchboard.shared.appointments.Appointments.lineKey(line);
    }

    public Outcome notify(NotifyRequest request) {
        Instant now = clock.instant();
        Line line = lines.apply(request.line());
        String lineKey = lineKey(line);
        NotifyOptions opts = options.get();
        ZoneId zone = line.timeZone();
        String to = PhoneMask.mask(request.to());

        Optional<Appointment> existing = Optional.empty();
        Optional<Instant> at = Optional.empty();
        Optional<String> address = Optional.empty();
        if (request.appointment().isPresent()) {
            NotifyRequest.Appointment a = request.appointment().get();
            LogFields.put("appointmentId", a.id());
            try {
                existing = store.appointment(a.id());
            } catch (RuntimeException e) {
                LOG.error("Notify: the table is unavailable ({}); refused with 503", e.getMessage());
                return Refused.error(503, "unavailable");
            }
            if (existing.isPresent() && !existing.get().customer().equals(request.to())) {
                return Refused.invalid(Map.of("appointment.id", "belongs to another customer"));
            }
            at = a.at().map(t -> t.toInstant());
            address = a.address().or(() -> request.vars().containsKey("address")
                    ? Optional.of(request.vars().get("address")) : Optional.empty());
            if (a.address().isEmpty() && request.template() != Template.APPOINTMENT_CONFIRMED) {
                Optional<Appointment> known = existing;
                address = address.or(() -> known.flatMap(Appointment::address));
            }
        }
        Optional<Instant> existingAt = existing.map(Appointment::at);
        if (request.template() == Template.APPOINTMENT_CANCELLED && at.isEmpty()) {
            at = existingAt;
        }
        if (request.template() == Template.APPOINTMENT_CONFIRMED && !at.get().isAfter(now)) {
            return Refused.invalid(Map.of("appointment.at", "is in the past"));
        }

        Map<String, String> values = new HashMap<>(request.vars());
        values.put("business", line.businessName());
        at.ifPresent(t -> {
            values.put("date", DATE.format(t.atZone(zone)));
            values.put("time", TIME.format(t.atZone(zone)));
        });
        address.ifPresent(a -> values.put("address", a));

        Map<String, String> errors = new TreeMap<>();
        String body = render(opts, lineKey, request.template(), values, errors);
        String reminderBody = request.template() == Template.APPOINTMENT_CONFIRMED
                ? render(opts, lineKey, Template.APPOINTMENT_REMINDER, values, errors) : null;
        if (!errors.isEmpty()) {
            return Refused.invalid(errors);
        }

        String fingerprint = fingerprint(request);
        String id = newId();
        try {
            Optional<NotifyStore.Taken> taken = store.taken(request.idempotencyKey());
            if (taken.isPresent()) {
                return repeat(taken.get(), fingerprint);
            }
            if (!store.canText(request.to())) {
                LOG.info("Notify {} to {}: opted out; nothing sent or stored", request.template().id(), to);
                return Refused.error(409, "opted_out");
            }
            if (!store.take(request.idempotencyKey(), id, fingerprint, now)) {
                return store.taken(request.idempotencyKey()).map(t -> repeat(t, fingerprint))
                        .orElseGet(() -> Refused.error(409, "in_progress"));
            }
        } catch (RuntimeException e) {
            LOG.error("Notify: the table is unavailable ({}); refused with 503", e.getMessage());
            return Refused.error(503, "unavailable");
        }
        LogFields.put("notifyId", id);

        Outcome outcome;
        try {
            outcome = act(request, line, lineKey, opts, id, body, reminderBody, at, address, existing, now);
        } catch (RuntimeException e) {
            LOG.error("Notify {}: failed before the text was sent or scheduled ({}); the key is released", id,
                    e.getMessage());
            try {
                store.release(request.idempotencyKey());
            } catch (RuntimeException ignored) {
                LOG.error("Notify {}: the key could not be released either", id);
            }
            return Refused.error(503, "unavailable");
        }
        try {
            store.answered(request.idempotencyKey(), outcome.status(), Json.write(outcome.body()), now);
        } catch (RuntimeException e) {
            LOG.error("Notify {}: the answer could not be stored ({}); a repeat will be answered from the text's record",
                    id, e.getMessage());
        }
        return outcome;
    }

    private Outcome act(NotifyRequest request, Line line, String lineKey, NotifyOptions opts, String id, String body,
                        String reminderBody, Optional<Instant> at, Optional<String> address,
                        Optional<Appointment> existing, Instant now) {
        QuietHours quiet = opts.quietHours(lineKey);
        boolean anyHour = request.template() == Template.EN_ROUTE
                || (request.template() == Template.CUSTOM && request.urgent());
        Instant sendAt = anyHour ? now : quiet.nextAllowed(now, line.timeZone());
        boolean later = sendAt.isAfter(now);
        Optional<String> appointmentId = request.appointment().map(NotifyRequest.Appointment::id);

        if (request.template() == Template.APPOINTMENT_CONFIRMED || request.template() == Template.APPOINTMENT_CANCELLED) {
            existing.ifPresent(old -> cancelReminders(old, request.template() == Template.APPOINTMENT_CONFIRMED
                    ? "rescheduled" : "appointment cancelled", now));
        }
        if (request.template() == Template.APPOINTMENT_CONFIRMED) {
            Instant appointmentAt = at.orElseThrow();
            List<String> reminderIds = new ArrayList<>();
            for (Duration before : opts.reminders(lineKey).before()) {
                Instant due = quiet.nextAllowed(appointmentAt.minus(before), line.timeZone());
                if (!due.isAfter(sendAt) || !due.isBefore(appointmentAt)) {
                    continue;
                }
                String reminderId = id + "-r" + before.toMinutes() + "m";
                store.save(new SendRecord(reminderId, request.to(), lineKey, line.smsFrom(),
                        Template.APPOINTMENT_REMINDER, reminderBody, SendRecord.SCHEDULED, Optional.of(due),
                        Optional.empty(), appointmentId, Optional.of(appointmentAt), false, now, Optional.empty()));
                reminderIds.add(reminderId);
            }
            store.book(new Appointment(appointmentId.orElseThrow(), request.to(), lineKey, appointmentAt, address,
                    dev.switchboard.shared.appointments.Appointments.BOOKED, List.copyOf(reminderIds)), now);
            LOG.info("Appointment {} for {} at {}: {} reminder(s) scheduled", appointmentId.get(),
                    PhoneMask.mask(request.to()), appointmentAt, reminderIds.size());
        } else if (request.template() == Template.APPOINTMENT_CANCELLED && existing.isPresent()) {
            store.cancelAppointment(existing.get().id(), now);
        }

        SendRecord record = new SendRecord(id, request.to(), lineKey, line.smsFrom(), request.template(), body,
                later ? SendRecord.SCHEDULED : SendRecord.SENDING, later ? Optional.of(sendAt) : Optional.empty(),
                Optional.empty(), appointmentId, at, request.urgent(), now, Optional.empty());
        store.save(record);
        if (later) {
            LOG.info("Notify {} ({}) to {}: quiet hours, scheduled for {}", id, request.template().id(),
                    PhoneMask.mask(request.to()), sendAt);
            return new Accepted(id, SendRecord.SCHEDULED, Optional.of(sendAt));
        }
        SendResult result = texter.send(record, now);
        String status = CustomerTexter.status(result);
        return switch (status) {
            case SendRecord.SENT -> new Accepted(id, SendRecord.SENT, Optional.empty());
            case SendRecord.QUEUED -> new Accepted(id, SendRecord.QUEUED, Optional.empty());
            case SendRecord.SKIPPED -> Refused.error(409, "opted_out");
            default -> switch (result.status()) {
                case CAPPED -> new Refused(429, Map.of("error", "daily_cap", "id", id));
                case INVALID_NUMBER -> new Refused(400, Map.of("errors", Map.of("to", "cannot take texts (Twilio "
                        + result.detail() + ")"), "id", id));
                default -> new Refused(502, Map.of("error", "not_sent", "id", id, "detail", result.detail()));
            };
        };
    }

    private void cancelReminders(Appointment old, String reason, Instant now) {
        for (String reminderId : old.reminderIds()) {
            if (store.cancel(reminderId, SendRecord.CANCELLED, reason, now)) {
                LOG.info("Reminder {} of appointment {} cancelled ({})", reminderId, old.id(), reason);
            }
        }
    }

    private static String render(NotifyOptions opts, String lineKey, Template template, Map<String, String> values,
                                 Map<String, String> errors) {
        TextTemplates.Rendered rendered = opts.templates().render(lineKey, template, values);
        if (rendered.text().isEmpty()) {
            for (String missing : rendered.missing()) {
                String field = switch (missing) {
                    case "date", "time" -> "appointment.at";
                    case "body" -> "vars.body";
                    default -> "vars." + missing;
                };
                errors.putIfAbsent(field, "is needed by the " + template.id() + " text");
            }
            return null;
        }
        String text = rendered.text().get();
        String longest = CustomerTexter.mentionsStop(text) ? text : CustomerTexter.withNotice(text);
        int segments = SmsSegments.count(longest);
        if (segments > SmsSegments.MAX_SEGMENTS) {
            errors.put(template == Template.CUSTOM ? "vars.body" : "text", "the " + template.id() + " text would take "
                    + segments + " SMS segments (at most " + SmsSegments.MAX_SEGMENTS + ", "
                    + (SmsSegments.gsm7(longest) ? "306 plain characters" : "134 characters with emoji or accents")
                    + ", including \"" + CustomerTexter.STOP_NOTICE + "\")");
            return null;
        }
        return text;
    }

    private Outcome repeat(NotifyStore.Taken taken, String fingerprint) {
        if (!taken.fingerprint().equals(fingerprint)) {
            return Refused.error(409, "idempotency_key_reused");
        }
        if (taken.status().isPresent() && taken.response().isPresent()) {
            try {
                @SuppressWarnings("unchecked")
                Map<String, Object> body = Json.MAPPER.readValue(taken.response().get(), Map.class);
                return new Repeated(taken.status().get(), body);
            } catch (Exception e) {
                LOG.warn("Stored answer of {} unreadable; answering from its record", taken.id());
            }
        }
        return store.find(taken.id())
                .<Outcome>map(r -> new Accepted(r.id(), SendRecord.SENDING.equals(r.status()) ? SendRecord.QUEUED : r.status(),
                        r.sendAt()))
                .orElseGet(() -> new Accepted(taken.id(), SendRecord.QUEUED, Optional.empty()));
    }

    static String fingerprint(NotifyRequest request) {
        Map<String, Object> canonical = new TreeMap<>();
        canonical.put("to", request.to());
        canonical.put("template", request.template().id());
        canonical.put("vars", new TreeMap<>(request.vars()));
        request.appointment().ifPresent(a -> canonical.put("appointment", a.id() + "|"
                + a.at().map(t -> t.toInstant().toString()).orElse("") + "|" + a.address().orElse("")));
        request.line().ifPresent(l -> canonical.put("line", l));
        canonical.put("urgent", request.urgent());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Json.write(canonical).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String newId() {
        byte[] bytes = new byte[10];
        RANDOM.nextBytes(bytes);
        return "N-" + HexFormat.of().formatHex(bytes);
    }
}
