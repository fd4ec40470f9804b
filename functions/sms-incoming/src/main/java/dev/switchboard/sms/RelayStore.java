package dev.switchboard.sms;

import dev.switchboard.shared.alerts.LastAlerts;
import dev.switchboard.shared.alerts.ReplyTags;
import java.time.Instant;
import java.util.Optional;

/** What the relay reads: whom a reply tag names, and the last customer a staff member was alerted about. */
public interface RelayStore {

    /** The customer {@code tag} names on {@code line}. */
    Optional<String> customerForTag(String line, String tag);

    /** The customer of the last alert to {@code staff} on {@code line} within 24 hours. */
    Optional<String> lastAlerted(String staff, String line, Instant now);

    static RelayStore of(ReplyTags tags, LastAlerts lastAlerts) {
        return new RelayStore() {
            @Override
            public Optional<String> customerForTag(String line, String tag) {
                return tags.customer(line, tag);
            }

            @Override
            public Optional<String> lastAlerted(String staff, String line, Instant now) {
                return lastAlerts.lastCustomer(staff, line, now);
            }
        };
    }
}
