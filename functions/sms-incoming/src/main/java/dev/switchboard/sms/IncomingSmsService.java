package dev.switchboard.sms;

import dev.switchboard.shared.config.Line;
import dev.switchboard.shared.config.Lines;
import dev.switchboard.shared.jobs.AlertJob;
import dev.switchboard.shared.jobs.TextKeys;
import dev.switchboard.shared.logging.PhoneMask;
import dev.switchboard.shared.sms.InboundMessage;
import dev.switchboard.shared.sms.OutgoingText;
import dev.switchboard.shared.sms.SendResult;
import dev.switchboard.shared.sms.TextSender;
import dev.switchboard.shared.queue.JobSender;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a customer's text does:
 * <ul>
 *   <li>STOP and the other opt-out words: the number is opted out (every sender checks before texting);</li>
 *   <li>START, YES, UNSTOP: opted back in;</li>
 *   <li>HELP, INFO: answered with the line's help text;</li>
 *   <li>anything else: an alert to the line's staff (the alert queue, {@code OwnerAlertsFunction}); when the
 *       alert cannot be queued, forwarded to the line's owner ({@code forwardTo}) as "From +1…: …" at once.</li>
 * </ul>
 * A text from a staff number ({@code STAFF}) is a command, not a customer message: HELP lists what staff can
 * do, and anything but STOP/START goes to {@link StaffRelay} (a reply to a customer).
 * Every message is stored once; a redelivery changes nothing and forwards nothing again. When it cannot be
 * stored it is acted on anyway: a STOP must count, and the owner must hear from the customer.
 */
public final class IncomingSmsService {

    public static final String FORWARD_KIND = "owner-forward";
    private static final Logger LOG = LoggerFactory.getLogger(IncomingSmsService.class);

    /** What Twilio answers the customer with. */
    public sealed interface Reply permits Reply.Nothing, Reply.Text {

        /** No reply (Twilio's own opt-out handling already answers STOP and START on long codes). */
        record Nothing() implements Reply {
        }

        record Text(String body) implements Reply {
        }
    }

    private final Lines lines;
    private final IncomingSmsStore store;
    private final TextSender texts;
    private final String statusCallback;
    private final Clock clock;
    private final AppointmentReplies appointments;
    private final Predicate<String> isStaff;
    private final StaffRelay relay;
    private final JobSender<AlertJob> alerts;

    /**
     * @param statusCallback absolute URL of {@code /twilio/sms/status}, for the forwarded text
     * @param isStaff        staff numbers ({@code STAFF}): their texts are commands
     * @param relay          relays staff replies to customers
     * @param alerts         the alert queue
     */
    public IncomingSmsService(Lines lines, IncomingSmsStore store, TextSender texts, String statusCallback,
                              Clock clock, Predicate<String> isStaff, RelayStore relayStore, JobSender<AlertJob> alerts) {
        this(lines, store, texts, statusCallback, clock, isStaff, relayStore, alerts, AppointmentReplies.none());
    }

    /** @param appointments answers to appointment texts (C / YES / Y, R / RESCHEDULE) */
    public IncomingSmsService(Lines lines, IncomingSmsStore store, TextSender texts, String statusCallback,
                              Clock clock, Predicate<String> isStaff, RelayStore relayStore, JobSender<AlertJob> alerts,
                              AppointmentReplies appointments) {
        this.lines = lines;
        this.store = store;
        this.texts = texts;
        this.statusCallback = statusCallback;
        this.clock = clock;
        this.appointments = appointments;
        this.isStaff = isStaff;
        this.relay = new StaffRelay(relayStore, texts, statusCallback, clock);
        this.alerts = alerts;
    }

    public Reply received(IncomingText text) {
        Line line = lines.forNumber(text.to());
        SmsKeywords.Keyword keyword = SmsKeywords.classify(text.body(), text.optOutType());
        Instant now = clock.instant();
        boolean first;
        InboundMessage message = new InboundMessage(text.messageSid(), text.from(), text.to(), text.body(),
                text.mediaCount(), text.mediaUrls(), line.number(), keyword.name().toLowerCase(Locale.ROOT));
        try {
            first = store.recordFirst(message, now);
        } catch (RuntimeException e) {
            // Without the record a redelivery cannot be recognised; acting now matters more (a STOP must count).
            LOG.error("Text {} from {} could not be stored ({}); handling it anyway", text.messageSid(),
                    PhoneMask.mask(text.from()), e.getMessage());
            first = true;
        }
        if (!first) {
            LOG.info("Text {} from {} was already handled (a redelivery); nothing done again", text.messageSid(),
                    PhoneMask.mask(text.from()));
        }
        // An answer to an appointment text (C, YES, Y, R, RESCHEDULE) is handled there; YES still opts in.
        if (keyword != SmsKeywords.Keyword.OPT_OUT && keyword != SmsKeywords.Keyword.HELP) {
            Optional<String> answer = appointments.handle(text, line, first, now);
            if (answer.isPresent()) {
                if (first && keyword == SmsKeywords.Keyword.OPT_IN) {
                    changeOptOut(text.from(), false, text.body(), now);
                }
                return new Reply.Text(answer.get());
            }
        }
        switch (keyword) {
            case OPT_OUT:
            case OPT_IN:
                if (first) {
                    changeOptOut(text.from(), keyword == SmsKeywords.Keyword.OPT_OUT, text.body(), now);
                }
                return new Reply.Nothing();
            case HELP:
                if (isStaff.test(text.from())) {
                    LOG.info("HELP from staff {} on line {}: answered with the staff commands",
                            PhoneMask.mask(text.from()), PhoneMask.mask(text.to()));
                    return new Reply.Text(StaffRelay.HELP);
                }
                LOG.info("HELP from {} on line {}: answered with the help text", PhoneMask.mask(text.from()),
                        PhoneMask.mask(text.to()));
                return new Reply.Text(line.render(line.helpText(), text.from()));
            default:
                if (!first) {
                    return new Reply.Nothing();
                }
                if (isStaff.test(text.from())) {
                    StaffRelay.Outcome outcome = relay.relay(text, text.to());
                    LOG.info("Text {} from staff {}: {}", text.messageSid(), PhoneMask.mask(text.from()), outcome);
                } else {
                    alert(text, line, now);
                    fileActivity(message, now);
                }
                return new Reply.Nothing();
        }
    }

    private void changeOptOut(String from, boolean out, String word, Instant now) {
        String source = "sms-" + word.strip().toLowerCase(Locale.ROOT);
        try {
            if (out) {
                store.optOut(from, source, now);
                LOG.info("{} opted out by text ({}); no more texts to this number", PhoneMask.mask(from), word.strip());
            } else {
                store.optIn(from, source, now);
                LOG.info("{} opted back in by text ({})", PhoneMask.mask(from), word.strip());
            }
        } catch (RuntimeException e) {
            // Twilio itself blocks texts to a number that sent STOP (21610 then marks it here too).
            LOG.error("Could not record that {} opted {} ({}): {}", PhoneMask.mask(from), out ? "out" : "in",
                    word.strip(), e.getMessage());
        }
    }

    private void fileActivity(InboundMessage message, Instant now) {
        if (lines.isBusinessNumber(message.from())) {
            return;
        }
        try {
            store.customerText(message, now);
        } catch (RuntimeException e) {
            LOG.warn("Text {} not filed in the activity index: {}", message.messageSid(), e.getMessage());
        }
    }

    /** Queues the text's alert to staff; when the queue is unreachable, forwards it to the owner at once. */
    private void alert(IncomingText text, Line line, Instant now) {
        if (lines.isBusinessNumber(text.from())) {
            LOG.info("Text {} from the business's own number {} stored, no alert", text.messageSid(),
                    PhoneMask.mask(text.from()));
            return;
        }
        try {
            alerts.send(new AlertJob.Text(text.messageSid(), text.from(), text.to(), now.toString(), text.body(),
                    text.mediaCount()));
            LOG.info("Text {} from {}: alert queued", text.messageSid(), PhoneMask.mask(text.from()));
        } catch (RuntimeException e) {
            LOG.error("Text {} from {}: the alert could not be queued ({}); forwarding it to the owner now",
                    text.messageSid(), PhoneMask.mask(text.from()), e.getMessage());
            forward(text, line);
        }
    }

    private void forward(IncomingText text, Line line) {
        String sid = text.messageSid();
        String from = text.from();
        if (line.forwardTo().isEmpty()) {
            LOG.warn("Text {} from {} to {} stored but not forwarded: the line has no forwardTo (set TWILIO_FORWARD_TO"
                    + " or forwardTo in LINES)", sid, PhoneMask.mask(from), PhoneMask.mask(text.to()));
            return;
        }
        String owner = line.forwardTo().get();
        if (owner.equals(from) || lines.isBusinessNumber(from)) {
            LOG.info("Text {} from the business's own number {} stored, not forwarded", sid, PhoneMask.mask(from));
            return;
        }
        // Sent from the number the customer texted, so the owner sees which line it came in on.
        SendResult result = texts.send(new OutgoingText(TextKeys.ownerForward(sid), FORWARD_KIND, owner,
                Optional.of(text.to()), Optional.empty(), OwnerForward.body(from, text.body(), text.mediaCount()),
                statusCallback));
        LOG.info("Text {} from {} forwarded to the owner {}: {}", sid, PhoneMask.mask(from), PhoneMask.mask(owner),
                result.status());
    }
}
