package dev.switchboard.shared.twilio;

import dev.switchboard.shared.http.FormParameters;
import dev.switchboard.shared.logging.LogFields;

/**
 * The identifiers of an accepted Twilio webhook as log fields: {@code CallSid} → {@code callSid},
 * {@code RecordingSid} → {@code recordingSid}, {@code MessageSid} (or {@code SmsSid}) → {@code messageSid},
 * {@code ParentCallSid} → {@code parentCallSid}. Every Twilio handler passes its parameters through here
 * right after {@link TwilioWebhook#accept}, so every line it logs names the call or message.
 */
public final class TwilioLogFields {

    private TwilioLogFields() {
    }

    /** Sets the fields and returns {@code params}, for {@code TwilioLogFields.of(webhook.accept(request))}. */
    public static FormParameters of(FormParameters params) {
        LogFields.put("callSid", params.first("CallSid").orElse(null));
        LogFields.put("parentCallSid", params.first("ParentCallSid").orElse(null));
        LogFields.put("recordingSid", params.first("RecordingSid").orElse(null));
        LogFields.put("messageSid", params.first("MessageSid").or(() -> params.first("SmsSid")).orElse(null));
        return params;
    }
}
