package dev.switchboard.notify;

import dev.switchboard.shared.appointments.Appointment;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What the notify function reads and writes: {@link DynamoNotifyStore} in Lambda, maps in tests. */
public interface NotifyStore {

    /** A request already taken under an idempotency key: its id, its fingerprint and (once done) its answer. */
    record Taken(String id, String fingerprint, Optional<Integer> status, Optional<String> response) {
    }

    /** A scheduled text's entry in the due-time index. */
    record Due(Instant sendAt, String id) {
    }

    Optional<Taken> taken(String idempotencyKey);

    /** Claims the key for {@code id}; false when someone took it first. */
    boolean take(String idempotencyKey, String id, String fingerprint, Instant now);

    /** The answer given under the key (what a repeat gets). */
    void answered(String idempotencyKey, int status, String response, Instant now);

    /** Forgets the key (the request failed before anything was sent or scheduled). */
    void release(String idempotencyKey);

    boolean canText(String phone);

    /**
     * Whether this is the first text Switchboard sends this customer with the "Reply STOP to opt out" notice
     * (a marker written now); {@link #forgetFirstText} undoes it when the text did not go.
     */
    boolean firstText(String phone, Instant now);

    void forgetFirstText(String phone);

    /** Writes the text's item, and its due-time entry when it is scheduled. */
    void save(SendRecord record);

    Optional<SendRecord> find(String id);

    /** Records what became of a text. */
    void settle(String id, String status, Optional<String> sid, Optional<String> detail, Instant now);

    /** Takes a scheduled text for sending (scheduled → sending); false when it is no longer scheduled. */
    boolean claimDue(String id, Instant now);

    /** Cancels a scheduled text (scheduled → cancelled, its due entry removed); false when it was not scheduled. */
    boolean cancel(String id, String status, String reason, Instant now);

    /** Moves a scheduled text to a later time. */
    void reschedule(String id, Instant from, Instant to, Instant now);

    /** Entries due at or before {@code now} (looking back {@code lookBackDays} days), oldest first. */
    List<Due> due(Instant now, int lookBackDays, int limit);

    void removeDue(Due due);

    Optional<Appointment> appointment(String id);

    void book(Appointment appointment, Instant now);

    void cancelAppointment(String id, Instant now);

    /** Twilio's delivery status of a message ({@code MSG#<sid>}): status and error code. */
    Optional<Delivery> delivery(String messageSid);

    /** The outbound pipeline's record of a text key ({@code TEXT#<key>}): its state and sid. */
    Optional<Delivery> ledger(String textKey);

    record Delivery(String status, Optional<String> sid, Optional<String> errorCode) {
    }
}
