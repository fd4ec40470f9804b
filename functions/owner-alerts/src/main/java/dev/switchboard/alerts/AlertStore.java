package dev.switchboard.alerts;

import dev.switchboard.shared.alerts.LastAlerts;
import dev.switchboard.shared.alerts.ReplyTags;
import dev.switchboard.shared.contacts.ContactProfiles;
import dev.switchboard.shared.storage.TranscriptRecords;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** What the alert worker reads and writes besides texts: tags, names, the last alert, a voicemail's progress. */
interface AlertStore {

    /** The customer's reply tag on the line (made now when new). */
    String tagFor(String line, String customer, Instant now);

    /** Notes that {@code staff} was just alerted about {@code customer} on {@code line} (for a tagless reply). */
    void alerted(String staff, String line, String customer, Instant now);

    /**
     * Notes that {@code staff} was just alerted about a caller who withheld their number: a tagless reply then
     * goes to nobody rather than to an older alert's customer.
     */
    default void alertedWithheld(String staff, String line, Instant now) {
    }

    Optional<String> name(String customer);

    void rememberName(String customer, String name, ContactProfiles.NameSource source, Instant now);

    /**
     * Whether the transcriber is done with the recording (completed, skipped or failed): it queued the
     * voicemail's own alert job before it said so, so the deadline has nothing to add.
     */
    boolean transcriptSettled(String recordingSid);

    Set<String> SETTLED = Set.of(TranscriptRecords.COMPLETED, TranscriptRecords.SKIPPED, TranscriptRecords.FAILED);

    static AlertStore of(ReplyTags tags, LastAlerts lastAlerts, ContactProfiles profiles, TranscriptRecords transcripts) {
        return new AlertStore() {
            @Override
            public String tagFor(String line, String customer, Instant now) {
                return tags.tagFor(line, customer, now);
            }

            @Override
            public void alerted(String staff, String line, String customer, Instant now) {
                lastAlerts.alerted(staff, line, customer, now);
            }

            @Override
            public void alertedWithheld(String staff, String line, Instant now) {
                lastAlerts.alertedWithheld(staff, line, now);
            }

            @Override
            public Optional<String> name(String customer) {
                return profiles.name(customer);
            }

            @Override
            public void rememberName(String customer, String name, ContactProfiles.NameSource source, Instant now) {
                profiles.rememberName(customer, name, source, now);
            }

            @Override
            public boolean transcriptSettled(String recordingSid) {
                return transcripts.state(recordingSid).map(s -> SETTLED.contains(s.status())).orElse(false);
            }
        };
    }
}
