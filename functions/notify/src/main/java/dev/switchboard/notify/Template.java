package dev.switchboard.notify;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The texts {@code POST /api/notify} sends, by the name the API and the settings use. */
public enum Template {
    APPOINTMENT_CONFIRMED(true),
    APPOINTMENT_CANCELLED(true),
    EN_ROUTE(true),
    JOB_DONE(true),
    REVIEW_REQUEST(true),
    CUSTOM(true),
    /** Sent by Switchboard itself before an appointment ({@code reminders}); not requested through the API. */
    APPOINTMENT_REMINDER(false);

    private final boolean requestable;

    Template(boolean requestable) {
        this.requestable = requestable;
    }

    /** {@code appointment_confirmed}, ... */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a caller of the API may ask for it. */
    public boolean requestable() {
        return requestable;
    }

    /** Whether it is about an appointment ({@code appointment} is needed). */
    public boolean aboutAppointment() {
        return this == APPOINTMENT_CONFIRMED || this == APPOINTMENT_CANCELLED || this == APPOINTMENT_REMINDER;
    }

    public static Optional<Template> byId(String id) {
        return Arrays.stream(values()).filter(t -> t.id().equals(id)).findFirst();
    }

    public static Set<String> requestableIds() {
        return Arrays.stream(values()).filter(Template::requestable).map(Template::id)
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    }
}
