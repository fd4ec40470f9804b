package dev.switchboard.sms;

/**
 * The text that carries a customer's message to the owner: {@code From +19045550123: <message>}, with a
 * note of any pictures, cut to fit one Twilio message (1600 characters).
 */
final class OwnerForward {

    static final int MAX_LENGTH = 1600;

    private OwnerForward() {
    }

    static String body(String from, String message, int mediaCount) {
        String head = "From " + from + ": ";
        String tail = mediaCount <= 0 ? "" : " [" + mediaCount + (mediaCount == 1 ? " picture or file" : " pictures or files")
                + " - see the Twilio console]";
        String text = message == null ? "" : message.strip();
        if (text.isEmpty() && mediaCount <= 0) {
            text = "(empty message)";
        }
        int room = MAX_LENGTH - head.length() - tail.length();
        if (text.length() > room) {
            int cut = room - 1;
            if (Character.isHighSurrogate(text.charAt(cut - 1))) {
                cut--;
            }
            text = text.substring(0, cut) + "\u2026";
        }
        return head + text + tail;
    }
}
