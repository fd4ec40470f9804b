package dev.switchboard.crm.lead;

import dev.switchboard.shared.text.SafeText;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What Switchboard knows about a lead, by the names {@code CRM_FIELD_MAP} and the webhook payload use.
 * Which of them reach a Rukovoditel installation is configuration: attributes left out of the map are
 * not sent.
 */
public enum LeadAttribute {
    /** The customer's name: typed on the quote form, or heard in the call's transcript. */
    NAME("name"),
    /** E.164, the lead's key: one lead per number within the merge window. */
    PHONE("phone"),
    EMAIL("email"),
    /** "2015 Honda Civic 2.0L". */
    VEHICLE("vehicle"),
    SERVICE("service"),
    /** "$89.00" from the latest quote. */
    ESTIMATE("estimate"),
    /** How the lead first came in: {@code web} or {@code call}. */
    SOURCE("source"),
    /** Switchboard's activity log for the lead, newest first: every quote, call and transcript. */
    NOTES("notes"),
    /** The latest transcript excerpt. */
    TRANSCRIPT("transcript"),
    /** Link to the latest recording. */
    RECORDING("recording"),
    /** The latest contact (call or quote), {@code YYYY-MM-DD HH:MM} in the business's time zone. */
    CALLED_AT("called_at"),
    /** Urgency words heard in the latest transcript ("tow, stranded"). */
    URGENCY("urgency"),
    /** The business line (E.164) last called or quoted. */
    LINE("line"),
    /** The latest call's outcome: answered, voicemail or missed. */
    CALL_OUTCOME("call_outcome"),
    /** Switchboard's own id for the lead ({@code SB-...}), also the first line of the notes. */
    LEAD_REF("lead_ref");

    private final String key;

    LeadAttribute(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /**
     * The value as written to the CRM or a webhook. {@code phone} and {@code line} are E.164 numbers Switchboard
     * formatted and validated itself (their {@code +} is part of a number, not a formula; the phone is also what
     * a search matches), so they go as they are. Every other attribute may carry what a customer typed on the
     * quote form or said on a call, so a value a spreadsheet would run as a formula is neutralised
     * ({@link SafeText#cell}); characters XML 1.0 forbids are dropped from all of them.
     */
    public String crmValue(String value) {
        return this == PHONE || this == LINE ? SafeText.xml(value) : SafeText.cell(value);
    }

    public static Optional<LeadAttribute> byKey(String key) {
        return Arrays.stream(values()).filter(a -> a.key.equals(key)).findFirst();
    }

    public static String allKeys() {
        return Arrays.stream(values()).map(LeadAttribute::key).collect(Collectors.joining(", "));
    }
}
