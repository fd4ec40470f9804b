package dev.switchboard.quote;

import dev.switchboard.shared.config.Line;
import dev.switchboard.shared.jobs.TextKeys;
import dev.switchboard.shared.logging.PhoneMask;
import dev.switchboard.shared.sms.OutboundTexts;
import dev.switchboard.shared.sms.OutgoingText;
import dev.switchboard.shared.sms.SendResult;
import dev.switchboard.shared.sms.TextSender;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Texts the estimate through {@link OutboundTexts} (opt-outs, once per key {@code quote:<leadId>}, the
 * daily cap, retries through the SMS queue), from the quote line's {@code smsFrom} or else the messaging
 * service, with the delivery status posted to {@code /twilio/sms/status}.
 */
public final class OutboundEstimateTexter implements EstimateTexter {

    public static final String KIND = "quote-estimate";
    /** The estimate texted to a staff member trying the form: kept out of the customer conversations. */
    public static final String STAFF_KIND = "quote-estimate-staff";
    private static final Logger LOG = LoggerFactory.getLogger(OutboundEstimateTexter.class);

    private final TextSender texts;
    private final Line line;
    private final Optional<String> messagingServiceSid;
    private final EstimateText words;
    private final String statusCallback;
    private final Predicate<String> isBusinessNumber;
    private final Predicate<String> isStaff;

    public OutboundEstimateTexter(TextSender texts, Line line, Optional<String> messagingServiceSid,
                                  EstimateText words, String statusCallback, Predicate<String> isBusinessNumber) {
        this(texts, line, messagingServiceSid, words, statusCallback, isBusinessNumber, phone -> false);
    }

    /**
     * @param isBusinessNumber numbers never texted (the business's own; staff are texted all the same)
     * @param isStaff          staff numbers ({@code STAFF}): their estimate is kept out of the activity feed
     */
    public OutboundEstimateTexter(TextSender texts, Line line, Optional<String> messagingServiceSid,
                                  EstimateText words, String statusCallback, Predicate<String> isBusinessNumber,
                                  Predicate<String> isStaff) {
        this.isStaff = isStaff;
        this.texts = texts;
        this.line = line;
        this.messagingServiceSid = messagingServiceSid;
        this.words = words;
        this.statusCallback = statusCallback;
        this.isBusinessNumber = isBusinessNumber;
    }

    /** Whether a sender is configured at all (a From number or a messaging service). */
    public boolean canSend() {
        return line.smsFrom().isPresent() || messagingServiceSid.isPresent();
    }

    @Override
    public SmsOutcome text(Lead lead) {
        String to = lead.quote().phone();
        if (!canSend()) {
            LOG.error("Quote {}: no estimate text for {}: neither TWILIO_SMS_FROM (or the line's smsFrom) nor"
                    + " TWILIO_MESSAGING_SERVICE_SID is set", lead.id(), PhoneMask.mask(to));
            return SmsOutcome.NOT_SENT;
        }
        boolean staff = isStaff.test(to);
        if (!staff && isBusinessNumber.test(to)) {
            LOG.info("Quote {}: not texting {}, one of the business's own numbers", lead.id(), PhoneMask.mask(to));
            return SmsOutcome.NOT_SENT;
        }
        try {
            OutgoingText text = new OutgoingText(TextKeys.quoteEstimate(lead.id()), staff ? STAFF_KIND : KIND, to,
                    line.smsFrom(),
                    line.smsFrom().isPresent() ? Optional.empty() : messagingServiceSid,
                    words.body(line.businessName(), lead.estimate()), statusCallback);
            SendResult result = texts.send(text);
            if (result.sent()) {
                return SmsOutcome.sent(result.sid().orElse(null));
            }
            return result.queued() ? SmsOutcome.QUEUED : SmsOutcome.NOT_SENT;
        } catch (RuntimeException e) {
            LOG.error("Quote {}: the estimate text to {} failed unexpectedly", lead.id(), PhoneMask.mask(to), e);
            return SmsOutcome.NOT_SENT;
        }
    }
}
