package dev.switchboard.alerts;

/**
 * How many SMS segments a text takes. GSM-7 when every character is in the GSM 03.38 basic set or its
 * extension table (which costs two septets: {@code ^ { } \ [ ~ ] | €}): 160 in one segment, 153 per
 * segment beyond; anything else is UCS-2: 70 UTF-16 units in one, 67 per segment beyond.
 */
final class SmsSegments {

    static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    static final String GSM_EXTENDED = "^{}\\[~]|€\f";

    private SmsSegments() {
    }

    /** Whether the whole text can go as GSM-7. */
    static boolean gsm7(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (GSM_BASIC.indexOf(c) < 0 && GSM_EXTENDED.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Septets (GSM-7) or UTF-16 units (UCS-2) the text takes. */
    static int units(String text) {
        if (!gsm7(text)) {
            return text.length();
        }
        int septets = 0;
        for (int i = 0; i < text.length(); i++) {
            septets += GSM_EXTENDED.indexOf(text.charAt(i)) >= 0 ? 2 : 1;
        }
        return septets;
    }

    /** Segments the text takes (an empty text takes one). */
    static int count(String text) {
        boolean gsm = gsm7(text);
        int units = units(text);
        int single = gsm ? 160 : 70;
        int multi = gsm ? 153 : 67;
        if (units <= single) {
            return 1;
        }
        return (units + multi - 1) / multi;
    }

    /** Whether the text fits in {@code segments} segments. */
    static boolean fits(String text, int segments) {
        return count(text) <= segments;
    }
}
