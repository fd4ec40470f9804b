package dev.switchboard.shared.sms;

/** Sends one text under the texting rules: {@link OutboundTexts} in Lambda, a list in tests. */
@FunctionalInterface
public interface TextSender {

    /** Sends the text now, or queues it; never throws to a webhook (the result says what happened). */
    SendResult send(OutgoingText text);
}
