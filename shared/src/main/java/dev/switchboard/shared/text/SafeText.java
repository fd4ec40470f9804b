package dev.switchboard.shared.text;

import java.util.regex.Pattern;

/**
 * Makes text that came from a caller, a customer or a form safe for where it goes: TwiML (XML 1.0), a text
 * message, a CRM field or a spreadsheet cell. One place, so every path treats the same input the same way.
 */
public final class SafeText {

    /** A caller-supplied value (a {@code From} such as a long SIP address) spoken in a {@code <Say>}. */
    public static final int MAX_CALLER_CHARS = 64;
    /** What replaces a character a 3-byte UTF-8 store cannot keep. */
    public static final char REPLACEMENT = '\uFFFD';
    private static final String ELLIPSIS = "\u2026";
    /** E.164: the one leading {@code +} a spreadsheet must keep, system-formatted and never a formula. */
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");

    private SafeText() {
    }

    /**
     * {@code text} without the characters XML 1.0 forbids: C0 controls other than tab, LF and CR, lone
     * surrogates, U+FFFE and U+FFFF. Twilio's TwiML writer would escape {@code \0} as {@code &#0;}, which no
     * XML parser accepts, and the caller would hear an application error. Null stays null.
     */
    public static String xml(String text) {
        if (text == null) {
            return null;
        }
        int length = text.length();
        int i = 0;
        while (i < length && allowed(text, i)) {
            i += Character.charCount(text.codePointAt(i));
        }
        if (i == length) {
            return text;
        }
        StringBuilder out = new StringBuilder(length);
        out.append(text, 0, i);
        while (i < length) {
            int codePoint = text.codePointAt(i);
            if (allowed(text, i)) {
                out.appendCodePoint(codePoint);
            }
            i += Character.charCount(codePoint);
        }
        return out.toString();
    }

    /** At most {@code maxChars} UTF-16 units, the last one an ellipsis when cut; a surrogate pair is never split. */
    public static String bounded(String text, int maxChars) {
        if (text == null || text.length() <= maxChars) {
            return text;
        }
        if (maxChars <= 0) {
            return "";
        }
        int cut = maxChars - 1;
        if (cut > 0 && Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--;
        }
        return text.substring(0, cut) + ELLIPSIS;
    }

    /** A caller-supplied value for a {@code <Say>} or a text: XML-safe and at most {@link #MAX_CALLER_CHARS}. */
    public static String caller(String value) {
        return bounded(xml(value), MAX_CALLER_CHARS);
    }

    /**
     * Text for a CRM field or anything a spreadsheet may open: XML-safe, and, when it starts with a character
     * a spreadsheet would run as a formula ({@code = + - @}, tab, carriage return; OWASP "CSV Injection"),
     * prefixed with an apostrophe so it is read as text. An E.164 phone number ({@code +19045550123}) keeps
     * its {@code +}: it is a number, not a formula.
     */
    public static String cell(String text) {
        String clean = xml(text);
        if (clean == null || clean.isEmpty() || E164.matcher(clean).matches()) {
            return clean;
        }
        return switch (clean.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> "'" + clean;
            default -> clean;
        };
    }

    /**
     * Every character outside the Basic Multilingual Plane (4 bytes in UTF-8: emoji, some CJK) replaced by
     * U+FFFD, for stores that keep 3-byte UTF-8 only (MySQL's {@code utf8}/{@code utf8mb3}), which would
     * otherwise turn each into {@code ????}.
     */
    public static String threeByteUtf8(String text) {
        if (text == null || text.codePoints().allMatch(Character::isBmpCodePoint)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (Character.isBmpCodePoint(cp)) {
                out.append((char) cp);
            } else {
                out.append(REPLACEMENT);
            }
        });
        return out.toString();
    }

    private static boolean allowed(String text, int index) {
        char c = text.charAt(index);
        if (Character.isHighSurrogate(c)) {
            return index + 1 < text.length() && Character.isLowSurrogate(text.charAt(index + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return false;
        }
        return c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c != '\uFFFE' && c != '\uFFFF');
    }
}
