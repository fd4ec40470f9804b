package dev.switchboard.shared.sms;

/**
 * What one call to the Messages API did.
 *
 * @param errorCode Twilio's error code, when it gave one
 */
public record SendAttempt(Outcome outcome, String sid, String status, Integer errorCode, String detail) {

    public enum Outcome {
        /** Twilio accepted the message. */
        SENT,
        /** Timeout or 5xx after the request left: Twilio may have sent it. */
        AMBIGUOUS,
        /** Not sent (429, 20429, connection refused): safe to send again later. */
        RETRYABLE,
        /** 21610: the recipient replied STOP. */
        OPTED_OUT,
        /** 21211, 21614...: the number cannot take texts. */
        INVALID_NUMBER,
        /** 401 / 20003: our credentials are wrong; retrying will not help until they are fixed. */
        AUTH_FAILED,
        /** Any other refusal (4xx). */
        REJECTED
    }

    public static SendAttempt sent(String sid, String status) {
        return new SendAttempt(Outcome.SENT, sid, status, null, null);
    }

    public static SendAttempt failed(Outcome outcome, Integer errorCode, String detail) {
        return new SendAttempt(outcome, null, null, errorCode, detail);
    }
}
