package dev.switchboard.shared.sms;

import java.util.Optional;

/** What became of a text, as the caller reports it ({@code "sms": {"sent": ..., "queued": ...}}). */
public record SendResult(Status status, Optional<String> sid, String detail) {

    public enum Status {
        /** Accepted by Twilio now. */
        SENT,
        /** Not sent yet; the SMS queue will send it (exactly once). */
        QUEUED,
        /** This key was already handled (a redelivered webhook): nothing sent again. */
        DUPLICATE,
        /** The recipient opted out (STOP, or Twilio's 21610). */
        OPTED_OUT,
        /** The recipient reached today's cap. */
        CAPPED,
        /** The number cannot take texts (21211, 21614...). */
        INVALID_NUMBER,
        /** Refused for good, or could not even be queued; logged. */
        FAILED
    }

    public boolean sent() {
        return status == Status.SENT || (status == Status.DUPLICATE && sid.isPresent());
    }

    /** Waiting on the SMS queue: queued now, or by an earlier delivery of the same request. */
    public boolean queued() {
        return status == Status.QUEUED
                || (status == Status.DUPLICATE && sid.isEmpty() && TextLedger.QUEUED.equals(detail));
    }

    static SendResult of(Status status, String sid, String detail) {
        return new SendResult(status, Optional.ofNullable(sid), detail == null ? "" : detail);
    }
}
