package dev.switchboard.shared.phone;

import java.util.Set;

/**
 * Whether a caller's {@code From} is no number at all: the caller withheld it. Twilio writes a withheld or
 * unknown caller ID as a word ("anonymous", "Anonymous", "Restricted", "Unknown"...), as nothing, or as one
 * of a few placeholder numbers that look like E.164 but belong to nobody. Checked without libphonenumber
 * (the archiver does not ship it); {@link PhoneNumbers#isValidE164} rejects all of these as well.
 */
public final class WithheldCallers {

    /** Twilio's stand-ins for a withheld caller ID (they are not valid numbers anywhere). */
    public static final Set<String> PLACEHOLDERS = Set.of("+266696687", "+7378742833", "+2562533", "+86282452253");

    private WithheldCallers() {
    }

    /** True when {@code from} is empty, not an E.164 number, or one of Twilio's {@link #PLACEHOLDERS}. */
    public static boolean isWithheld(String from) {
        if (from == null || from.isBlank()) {
            return true;
        }
        String value = from.strip();
        return !E164.isE164(value) || PLACEHOLDERS.contains(value);
    }
}
