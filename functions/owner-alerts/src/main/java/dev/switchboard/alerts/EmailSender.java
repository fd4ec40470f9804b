package dev.switchboard.alerts;

/** Sends one e-mail: Amazon SES v2 in Lambda ({@link SesEmailSender}), a list in tests. */
@FunctionalInterface
interface EmailSender {

    /** @throws RuntimeException when it could not be sent (it is retried through the alert queue) */
    void send(String from, String to, String subject, String text, String html);
}
