package dev.switchboard.shared.phone;

import java.util.regex.Pattern;

/**
 * The E.164 syntax ({@code +}, a country code, at most 15 digits): what a number stored or queued by
 * Switchboard looks like. This is only its shape, checked without libphonenumber (which most functions do
 * not ship); whether a number is real, and turning what a person typed into E.164, is {@link PhoneNumbers}'.
 */
public final class E164 {

    private static final Pattern SHAPE = Pattern.compile("\\+[1-9][0-9]{6,14}");

    private E164() {
    }

    public static boolean isE164(String value) {
        return value != null && SHAPE.matcher(value).matches();
    }
}
