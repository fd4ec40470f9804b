package dev.switchboard.local;

import dev.switchboard.fakes.ses.FakeSes;
import java.util.List;

/**
 * A stand-in for Amazon SES v2 ({@link FakeSes}): the alert e-mails functions send are printed
 * ({@code [ses-sandbox] e-mail to o***@example.com: subject}) and kept ({@link #emails()}), never sent.
 * Functions reach it through {@code SES_ENDPOINT_URL}.
 */
public final class SesSandbox implements AutoCloseable {

    private final FakeSes ses;

    private SesSandbox(FakeSes ses) {
        this.ses = ses;
    }

    /** Binds {@code host:port} (0 = a free port) and starts serving. */
    public static SesSandbox start(String host, int port) {
        FakeSes ses = Sandboxes.listen("The SES sandbox", host, port, FakeSes::start);
        ses.onSend(email -> ConsoleLog.info("ses-sandbox", "e-mail to " + String.join(", ",
                email.to().stream().map(SesSandbox::mask).toList()) + ": " + email.subject()
                + (email.text() == null ? "" : "\n" + email.text())));
        return new SesSandbox(ses);
    }

    /** What functions use as {@code SES_ENDPOINT_URL}. */
    public String baseUrl() {
        return "http://localhost:" + ses.port();
    }

    /** The e-mails "sent" so far, oldest first. */
    public List<FakeSes.Email> emails() {
        return ses.emails();
    }

    public FakeSes fake() {
        return ses;
    }

    /** {@code owner@example.com} → {@code o***@example.com}. */
    static String mask(String address) {
        int at = address.indexOf('@');
        return at <= 0 ? "***" : address.charAt(0) + "***" + address.substring(at);
    }

    @Override
    public void close() {
        ses.close();
    }
}
