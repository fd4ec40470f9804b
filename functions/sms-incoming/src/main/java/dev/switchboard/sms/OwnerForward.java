package dev.switchboard.sms;

import dev.switchboard.shared.text.SafeText;

/**
 * The text that carries a customer's message to the owner: {@code From +19045550123: <message>}, with a
 * note of any pictures, cut to fit one Twilio message (1600 characters). {@code From} is the sender's to
 * choose (a SIP address can be long), so it is bounded too and the message always has room.
 */
final class OwnerForward {

    static final int MAX_LENGTH = 1600;

    private OwnerForward() {
    }

    static String body(String from, String message, int mediaCount) {
        String head = "From " + SafeText.caller(from) + ": ";
        String tail = mediaCount <= 0 ? "" : " [" + mediaCount + (mediaCount == 1 ? " picture or file" : " pictures or files")
                + " - see the Twilio console]";
        String text = message == null ? "" : SafeText.xml(message).strip();
        if (text.isEmpty() && mediaCount <= 0) {
            text = "(empty message)";
        }
        return head + SafeText.bounded(text, MAX_LENGTH - head.length() - tail.length()) + tail;
    }
}
