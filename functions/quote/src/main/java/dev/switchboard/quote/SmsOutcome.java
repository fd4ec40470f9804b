package dev.switchboard.quote;

import java.util.Optional;

/**
 * The {@code "sms"} part of the quote response: {@code {"sent":true,"sid":"SM…"}},
 * {@code {"sent":false,"queued":true}} (the SMS worker sends it) or {@code {"sent":false}}.
 */
public record SmsOutcome(boolean sent, Optional<String> sid, boolean queued) {

    public static final SmsOutcome NOT_SENT = new SmsOutcome(false, Optional.empty(), false);
    public static final SmsOutcome QUEUED = new SmsOutcome(false, Optional.empty(), true);

    public static SmsOutcome sent(String sid) {
        return new SmsOutcome(true, Optional.ofNullable(sid), false);
    }
}
