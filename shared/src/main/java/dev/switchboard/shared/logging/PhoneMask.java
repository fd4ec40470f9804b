package dev.switchboard.shared.logging;

/**
 * Phone numbers in logs: the country code and the last four digits stay, so that an engineer can tell
 * calls apart at night without the log holding anyone's number ({@code +19045550177 -> +1******0177}).
 */
public final class PhoneMask {

    private PhoneMask() {
    }

    public static String mask(String phone) {
        if (phone == null || phone.isBlank()) {
            return "-";
        }
        String p = phone.trim();
        int digits = 0;
        for (int i = 0; i < p.length(); i++) {
            if (Character.isDigit(p.charAt(i))) {
                digits++;
            }
        }
        if (digits < 6) {
            return "*".repeat(p.length());
        }
        int keepStart = p.startsWith("+1") ? 2 : p.startsWith("+") ? Math.min(3, p.length()) : 0;
        int keepEnd = 4;
        StringBuilder out = new StringBuilder(p.length());
        for (int i = 0; i < p.length(); i++) {
            boolean keep = i < keepStart || i >= p.length() - keepEnd;
            out.append(keep ? p.charAt(i) : '*');
        }
        return out.toString();
    }
}
