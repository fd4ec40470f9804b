package dev.switchboard.shared.sms;

import dev.switchboard.shared.text.SafeText;
import java.util.Optional;

/**
 * One text to send.
 *
 * @param key                 identifies the text across retries and redeliveries; it is sent at most once
 * @param kind                what it is for: {@code missed-call}, {@code voicemail-thanks}, {@code quote-estimate},
 *                            {@code owner-forward}, ...
 * @param from                the sending number; empty uses {@code messagingServiceSid}
 * @param body                the message; characters XML 1.0 forbids (control characters, lone surrogates) are
 *                            dropped, as they are from TwiML
 * @param statusCallback      absolute URL of {@code /twilio/sms/status}
 * @param sentBy              the staff member (E.164) who wrote it, for a reply relayed or sent from the inbox;
 *                            empty for the business's own texts. Kept on the message record.
 */
public record OutgoingText(String key, String kind, String to, Optional<String> from,
                           Optional<String> messagingServiceSid, String body, String statusCallback,
                           Optional<String> sentBy) {

    public OutgoingText {
        if (from.isEmpty() && messagingServiceSid.isEmpty()) {
            throw new IllegalArgumentException("a text needs a From number or a messaging service");
        }
        body = SafeText.xml(body);
        sentBy = sentBy == null ? Optional.empty() : sentBy;
    }

    /** A text of the business's own (no staff member wrote it). */
    public OutgoingText(String key, String kind, String to, Optional<String> from, Optional<String> messagingServiceSid,
                        String body, String statusCallback) {
        this(key, kind, to, from, messagingServiceSid, body, statusCallback, Optional.empty());
    }
}
