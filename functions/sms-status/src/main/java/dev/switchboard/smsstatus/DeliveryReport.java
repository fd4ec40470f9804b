package dev.switchboard.smsstatus;

import dev.switchboard.shared.http.FormParameters;
import dev.switchboard.shared.http.HttpProblem;
import java.util.Locale;
import java.util.Optional;

/**
 * One status callback for an outbound message, as Twilio posts it to {@code /twilio/sms/status}.
 *
 * @param errorCode {@code ErrorCode} when Twilio gave one (30003-30008 are carrier delivery failures)
 */
public record DeliveryReport(String messageSid, String status, Optional<Integer> errorCode, Optional<String> rawErrorCode,
                      Optional<String> to, Optional<String> from) {

    /** Reads the callback; a missing MessageSid or MessageStatus is a 400. */
    public static DeliveryReport from(FormParameters params) {
        String sid = params.first("MessageSid").or(() -> params.first("SmsSid"))
                .orElseThrow(() -> HttpProblem.badRequest("Missing MessageSid"));
        String status = params.first("MessageStatus").or(() -> params.first("SmsStatus"))
                .orElseThrow(() -> HttpProblem.badRequest("Missing MessageStatus"));
        if (sid.length() > 64 || status.length() > 32) {
            throw HttpProblem.badRequest("MessageSid or MessageStatus is too long");
        }
        Optional<String> raw = params.first("ErrorCode").filter(code -> !code.equals("0"));
        Optional<Integer> code = raw.flatMap(DeliveryReport::number);
        return new DeliveryReport(sid, status.toLowerCase(Locale.ROOT), code, raw, params.first("To"), params.first("From"));
    }

    private static Optional<Integer> number(String text) {
        try {
            return Optional.of(Integer.parseInt(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
