package dev.switchboard.shared.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import dev.switchboard.shared.text.SafeText;

/** A number written for people: {@code +19045550123} → {@code +1 904-555-0123} (libphonenumber's international form). */
public final class HumanPhone {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private HumanPhone() {
    }

    /** The international form; anything that is not a number is returned bounded and as it came. */
    public static String format(String e164) {
        if (e164 == null || e164.isBlank()) {
            return "unknown number";
        }
        if (E164.isE164(e164)) {
            try {
                return UTIL.format(UTIL.parse(e164, PhoneNumbers.DEFAULT_REGION),
                        PhoneNumberUtil.PhoneNumberFormat.INTERNATIONAL);
            } catch (NumberParseException e) {
                // falls through
            }
        }
        return SafeText.caller(e164);
    }
}
