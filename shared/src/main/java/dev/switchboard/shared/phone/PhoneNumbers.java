package dev.switchboard.shared.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.Optional;

/**
 * Phone numbers through libphonenumber (never a regex): normalising to E.164 and telling real ones apart.
 * The bare E.164 syntax check, for code that does not ship libphonenumber, is {@link E164}.
 */
public final class PhoneNumbers {

    public static final String DEFAULT_REGION = "US";
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {
    }

    /**
     * The E.164 form of what a person typed, when libphonenumber considers it a <em>possible</em> number
     * (right length for its country). Lenient on purpose: no real customer is turned away, and a number
     * that turns out not to take texts is marked by Twilio's 21211 on sending.
     */
    public static Optional<String> possibleE164(String raw, String defaultRegion) {
        return parse(raw, defaultRegion).filter(UTIL::isPossibleNumber).map(PhoneNumbers::format);
    }

    /** The E.164 form when the number is valid (assigned ranges), e.g. a caller worth texting back. */
    public static Optional<String> validE164(String raw, String defaultRegion) {
        return parse(raw, defaultRegion).filter(UTIL::isValidNumber).map(PhoneNumbers::format);
    }

    /** Whether {@code value} is already a valid number written in E.164 ({@code +} and digits only). */
    public static boolean isValidE164(String value) {
        return E164.isE164(value) && validE164(value, DEFAULT_REGION).filter(value::equals).isPresent();
    }

    private static Optional<Phonenumber.PhoneNumber> parse(String raw, String defaultRegion) {
        if (raw == null || raw.isBlank() || raw.length() > 40) {
            return Optional.empty();
        }
        try {
            return Optional.of(UTIL.parse(raw.trim(), defaultRegion));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    private static String format(Phonenumber.PhoneNumber number) {
        return UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
    }
}
