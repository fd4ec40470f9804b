package dev.switchboard.shared.activity;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing that happened with a customer, as the owner's feed shows it: a call, voicemail, text or quote.
 * The event is an item that already exists ({@code CALL#<CallSid>}, {@code MSG#<MessageSid>},
 * {@code LEAD#<leadId>}); {@link ActivityIndex} files it under the customer, the feed and its category.
 *
 * @param eventPk    the event item's partition key, e.g. {@code CALL#CA123}
 * @param eventSk    the event item's sort key, e.g. {@code CALL}
 * @param contact    the customer's number (E.164)
 * @param line       the business line (E.164) the event happened on
 * @param at         when it happened; must be the same every time the event is recorded (a call's start,
 *                   a text's arrival, a quote's submission), since it orders the feed
 * @param category   where it is filed now; recording again with another category moves it
 * @param direction  inbound (the customer's call, text or quote) or outbound (the business's)
 * @param needsReply whether it waits for the business (a missed call, voicemail, inbound text or quote);
 *                   ignored when the business has called or texted the customer since, or it was marked done
 * @param sentBy     the staff member who sent an outbound text or placed an outbound call
 * @param expiresAt  when the index items expire with the event (texts under RECORD_RETENTION_DAYS); empty: kept
 */
public record ActivityEvent(String eventPk, String eventSk, String contact, String line, Instant at,
        Category category, Direction direction, boolean needsReply, Optional<String> sentBy,
        Optional<Instant> expiresAt) {

    /** Where an event is filed: the feed's filters. */
    public enum Category {
        /** An answered call, or a call the business placed. */
        CALL,
        /** A call nobody answered, without a voicemail. */
        MISSED,
        VOICEMAIL,
        TEXT,
        QUOTE;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The feed item's {@code type}: missed calls are calls. */
        public String type() {
            return this == MISSED ? "call" : wireName();
        }

        public static Category fromWireName(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }
    }

    public enum Direction {
        INBOUND, OUTBOUND;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ActivityEvent {
        Objects.requireNonNull(eventPk);
        Objects.requireNonNull(eventSk);
        Objects.requireNonNull(contact);
        Objects.requireNonNull(line);
        Objects.requireNonNull(at);
        Objects.requireNonNull(category);
        Objects.requireNonNull(direction);
        Objects.requireNonNull(sentBy);
        Objects.requireNonNull(expiresAt);
        if (eventPk.indexOf('#') < 1) {
            throw new IllegalArgumentException("eventPk must look like CALL#<sid>, got " + eventPk);
        }
    }

    /** An event from a customer (needs a reply unless {@code needsReply} is false), kept for good. */
    public static ActivityEvent inbound(String eventPk, String eventSk, String contact, String line, Instant at,
            Category category, boolean needsReply) {
        return new ActivityEvent(eventPk, eventSk, contact, line, at, category, Direction.INBOUND, needsReply,
                Optional.empty(), Optional.empty());
    }

    /** A call or text from the business to a customer; {@code sentBy} the staff member, if a person. */
    public static ActivityEvent outbound(String eventPk, String eventSk, String contact, String line, Instant at,
            Category category, Optional<String> sentBy) {
        return new ActivityEvent(eventPk, eventSk, contact, line, at, category, Direction.OUTBOUND, false, sentBy,
                Optional.empty());
    }

    public ActivityEvent expiringAt(Instant when) {
        return new ActivityEvent(eventPk, eventSk, contact, line, at, category, direction, needsReply, sentBy,
                Optional.of(when));
    }

    /** The id the owner's API uses for this event ({@code CALL-CA123} for {@code CALL#CA123}). */
    public String id() {
        return ActivityIndex.idOf(eventPk);
    }
}
