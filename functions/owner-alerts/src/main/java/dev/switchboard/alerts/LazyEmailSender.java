package dev.switchboard.alerts;

import java.util.function.Supplier;

/** Builds the SES client on the first e-mail, so a line without e-mail alerts never pays for it at a cold start. */
final class LazyEmailSender implements EmailSender {

    private final Supplier<EmailSender> factory;
    private volatile EmailSender sender;

    LazyEmailSender(Supplier<EmailSender> factory) {
        this.factory = factory;
    }

    @Override
    public void send(String from, String to, String subject, String text, String html) {
        EmailSender current = sender;
        if (current == null) {
            synchronized (this) {
                if (sender == null) {
                    sender = factory.get();
                }
                current = sender;
            }
        }
        current.send(from, to, subject, text, html);
    }
}
