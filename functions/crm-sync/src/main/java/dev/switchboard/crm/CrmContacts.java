package dev.switchboard.crm;

import dev.switchboard.crm.lead.FieldValue;
import dev.switchboard.crm.lead.LeadAttribute;
import dev.switchboard.crm.lead.LeadLink;
import dev.switchboard.shared.contacts.ContactProfiles;
import java.time.Instant;
import java.util.Optional;

/**
 * What the CRM worker tells the rest of Switchboard once a lead is in the CRM: the customer's CRM record id
 * and the name on the lead, on the contact profile ({@code CONTACT#<E.164>}/{@code PROFILE}) that the alerts
 * and the inbox read, so the next alert about this customer names them even when a voicemail did not.
 */
public interface CrmContacts {

    /** Notes that {@code lead} is CRM item {@code crmId}. Never fails the job: a failure is only logged. */
    void synced(LeadLink lead, String crmId, Instant now);

    /** Tells nobody (tests that do not care). */
    static CrmContacts none() {
        return (lead, crmId, now) -> {
        };
    }

    /**
     * On the contact profile: {@code crmId}, and the lead's name with where it came from (typed on the web
     * form: {@code web}; heard in a call: {@code transcript}), never replacing a name from a stronger source.
     */
    static CrmContacts of(ContactProfiles profiles) {
        return (lead, crmId, now) -> {
            profiles.rememberCrmId(lead.phone(), crmId, now);
            name(lead).ifPresent(name -> profiles.rememberName(lead.phone(), name.value(), source(name), now));
        };
    }

    static Optional<FieldValue> name(LeadLink lead) {
        return Optional.ofNullable(lead.fields().get(LeadAttribute.NAME)).filter(v -> v.value() != null
                && !v.value().isBlank());
    }

    static ContactProfiles.NameSource source(FieldValue name) {
        return name.rank() >= FieldValue.TYPED_BY_CUSTOMER ? ContactProfiles.NameSource.web
                : ContactProfiles.NameSource.transcript;
    }
}
