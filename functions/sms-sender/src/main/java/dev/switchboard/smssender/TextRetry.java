package dev.switchboard.smssender;

import dev.switchboard.shared.jobs.SmsJob;
import dev.switchboard.shared.sms.OutboundTexts;
import dev.switchboard.shared.sms.SendResult;

/**
 * What the SMS worker does with a queued text: sends it exactly once, or throws to have it retried
 * ({@link OutboundTexts#retry}, whose rules are tested in shared).
 */
@FunctionalInterface
public interface TextRetry {

    SendResult retry(SmsJob job);
}
