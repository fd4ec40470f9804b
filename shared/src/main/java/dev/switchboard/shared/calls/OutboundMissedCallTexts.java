package dev.switchboard.shared.calls;

import dev.switchboard.shared.calls.MissedCallTextPolicy.Kind;
import dev.switchboard.shared.calls.MissedCallTextPolicy.Occasion;
import dev.switchboard.shared.config.Line;
import dev.switchboard.shared.config.Lines;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.config.Staff;
import dev.switchboard.shared.jobs.TextKeys;
import dev.switchboard.shared.logging.PhoneMask;
import dev.switchboard.shared.phone.PhoneNumbers;
import dev.switchboard.shared.sms.OutboundTexts;
import dev.switchboard.shared.sms.OutgoingText;
import dev.switchboard.shared.sms.SendResult;
import dev.switchboard.shared.sms.TextSender;
import dev.switchboard.shared.storage.Table;
import dev.switchboard.shared.voice.CallbackUrls;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@link MissedCallTexts} through {@link OutboundTexts}: the one text a caller gets after a missed call. It
 * goes out only when
 * <ul>
 *   <li>{@link MissedCallTextPolicy} says this is the moment (see {@code textAfterVoicemail});</li>
 *   <li>the caller is a valid E.164 number (not anonymous, not a short code) and not one of the business's
 *       own numbers;</li>
 *   <li>no other call texted this caller within {@code MISSED_CALL_TEXT_WINDOW_HOURS}
 *       ({@link MissedCallTextWindow});</li>
 *   <li>and {@link OutboundTexts} agrees: not opted out, at most once per key {@code missed-call:<CallSid>}
 *       (whatever Twilio redelivers, whichever occasion comes first), within the daily cap.</li>
 * </ul>
 * {@code From} is the line's {@code smsFrom} (else {@code TWILIO_SMS_FROM}), else the messaging service
 * {@code TWILIO_MESSAGING_SERVICE_SID}. Nothing here ever throws: a failed text never breaks a call's TwiML.
 */
public final class OutboundMissedCallTexts implements MissedCallTexts {

    private static final Logger LOG = LoggerFactory.getLogger(OutboundMissedCallTexts.class);

    private final TextSender texts;
    private final MissedCallTextWindow window;
    private final Lines lines;
    private final Optional<String> messagingServiceSid;
    private final CallbackUrls urls;
    private final Predicate<String> isStaff;

    public OutboundMissedCallTexts(TextSender texts, MissedCallTextWindow window, Lines lines,
                           Optional<String> messagingServiceSid, CallbackUrls urls) {
        this(texts, window, lines, messagingServiceSid, urls, number -> false);
    }

    /** @param isStaff staff numbers ({@code STAFF}): never texted as callers */
    public OutboundMissedCallTexts(TextSender texts, MissedCallTextWindow window, Lines lines,
                           Optional<String> messagingServiceSid, CallbackUrls urls, Predicate<String> isStaff) {
        this.isStaff = isStaff;
        this.texts = texts;
        this.window = window;
        this.lines = lines;
        this.messagingServiceSid = messagingServiceSid;
        this.urls = urls;
    }

    /**
     * The real pipeline: Twilio's Messages API ({@code TWILIO_*}), the SMS retry queue ({@code SMS_QUEUE_URL}),
     * the daily cap ({@code SMS_DAILY_CAP_PER_RECIPIENT}, default 10) and the window
     * ({@code MISSED_CALL_TEXT_WINDOW_HOURS}, default 24, 0 = no window).
     */
    public static OutboundMissedCallTexts fromSettings(Settings settings, Table table, SqsClient sqs, Lines lines,
                                               CallbackUrls urls, Clock clock) {
        int windowHours = settings.integer("MISSED_CALL_TEXT_WINDOW_HOURS", 24, 0, 24 * 30);
        Staff staff = Staff.load(settings, lines);
        OutboundTexts texts = OutboundTexts.fromSettings(settings, table, sqs,
                number -> lines.isBusinessNumber(number) || staff.isStaff(number), clock);
        return new OutboundMissedCallTexts(texts, new MissedCallTextWindow(table, Duration.ofHours(windowHours)), lines,
                settings.optional("TWILIO_MESSAGING_SERVICE_SID"), urls, staff::isStaff);
    }

    @Override
    public Outcome onOccasion(Line line, String callSid, String caller, Occasion occasion, Instant now) {
        Optional<Kind> kind = MissedCallTextPolicy.textFor(line.textAfterVoicemail(), occasion);
        if (kind.isEmpty()) {
            return Outcome.skipped("not-now");
        }
        try {
            return send(line, callSid, caller, kind.get(), now);
        } catch (RuntimeException e) {
            LOG.error("Missed-call text for call {} to {} failed unexpectedly; the call goes on", callSid,
                    PhoneMask.mask(caller), e);
            return Outcome.skipped("error: " + e.getClass().getSimpleName());
        }
    }

    private Outcome send(Line line, String callSid, String caller, Kind kind, Instant now) {
        String masked = PhoneMask.mask(caller);
        if (!PhoneNumbers.isValidE164(caller)) {
            LOG.info("No missed-call text for call {}: caller {} is not a textable number", callSid, masked);
            return Outcome.skipped("caller-not-textable");
        }
        if (isStaff.test(caller)) {
            LOG.info("No missed-call text for call {}: caller {} is staff", callSid, masked);
            return Outcome.skipped("staff");
        }
        if (lines.isBusinessNumber(caller)) {
            LOG.info("No missed-call text for call {}: caller {} is one of the business's own numbers", callSid, masked);
            return Outcome.skipped("business-number");
        }
        Optional<String> from = line.smsFrom();
        if (from.isEmpty() && messagingServiceSid.isEmpty()) {
            LOG.warn("No missed-call text for call {}: set smsFrom on line {}, TWILIO_SMS_FROM or"
                    + " TWILIO_MESSAGING_SERVICE_SID", callSid, PhoneMask.mask(line.number().orElse("default")));
            return Outcome.skipped("no-sender-configured");
        }
        try {
            if (!window.claim(caller, callSid, now)) {
                LOG.info("No missed-call text for call {}: {} was already texted within {} h", callSid, masked,
                        window.window().toHours());
                return Outcome.skipped("texted-within-window");
            }
        } catch (SdkException e) {
            // A missed customer matters more than a second text: send (once per call) without the window.
            LOG.warn("Could not check the missed-call text window for call {} ({}); texting anyway", callSid,
                    e.getMessage());
        }
        String template = kind == Kind.VOICEMAIL_THANKS ? line.voicemailThanksText() : line.missedCallText();
        OutgoingText text = new OutgoingText(TextKeys.missedCall(callSid), kind.label(), caller, from,
                from.isPresent() ? Optional.empty() : messagingServiceSid, line.render(template, caller),
                urls.smsStatus());
        SendResult result = texts.send(text);
        LOG.info("Missed-call text ({}) for call {} to {}: {}", kind.label(), callSid, masked, result.status());
        return new Outcome(Optional.of(kind), Optional.of(result), result.status().name().toLowerCase(java.util.Locale.ROOT));
    }
}
