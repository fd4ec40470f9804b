package dev.switchboard.sms;

import dev.switchboard.shared.alerts.ReplyTags;
import dev.switchboard.shared.jobs.TextKeys;
import dev.switchboard.shared.logging.PhoneMask;
import dev.switchboard.shared.phone.HumanPhone;
import dev.switchboard.shared.sms.OutgoingText;
import dev.switchboard.shared.sms.SendResult;
import dev.switchboard.shared.sms.TextSender;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A staff member's text to a line is a command, never a customer message:
 * <ul>
 *   <li>{@code #K7 message}: sent to the customer with that reply tag on this line, from the line's number,
 *       through the outbound pipeline (opt-outs and the daily cap apply; at most once per inbound text);</li>
 *   <li>a message without a tag: to the customer of the last alert this staff member got on this line within
 *       24 hours;</li>
 *   <li>{@code HELP}: what staff can do (answered by the service, as TwiML).</li>
 * </ul>
 * Anything that cannot be relayed (an unknown tag, no recent alert, an empty or too long message, a customer
 * who opted out) gets exactly one notice back and sends nothing to anybody. The relayed text's message record
 * carries {@code sentBy} = the staff number.
 */
final class StaffRelay {

    static final String RELAY_KIND = "staff-relay";
    static final String NOTICE_KIND = "relay-notice";
    static final int MAX_LENGTH = 1600;
    static final String HELP = "Switchboard: reply to a customer with #tag and your message (e.g. \"#K7 On my way\")."
            + " No tag: goes to the customer of your last alert (24 h). STOP: no more alert texts. START: back on.";
    static final String NO_TAG = "Start with #tag to reply to a customer (the tag starts each alert, e.g. #K7)."
            + " Nothing was sent.";

    private static final Logger LOG = LoggerFactory.getLogger(StaffRelay.class);

    /** What became of a staff member's text. */
    enum Outcome {
        /** Sent (or queued) to the customer. */
        RELAYED,
        /** Not relayed; the staff member got one notice saying why. */
        NOTICE,
        /** Already relayed (a redelivered webhook): nothing done again. */
        DUPLICATE
    }

    private final RelayStore store;
    private final TextSender texts;
    private final String statusCallback;
    private final Clock clock;

    StaffRelay(RelayStore store, TextSender texts, String statusCallback, Clock clock) {
        this.store = store;
        this.texts = texts;
        this.statusCallback = statusCallback;
        this.clock = clock;
    }

    /** Relays a staff member's text that arrived on {@code line} (the number they texted). */
    Outcome relay(IncomingText text, String line) {
        String staff = text.from();
        String body = text.body() == null ? "" : text.body().strip();
        try {
            return relay(text, line, staff, body);
        } catch (RuntimeException e) {
            // The table is unreachable: the text is stored, so a redelivery would not relay it either; say so.
            LOG.error("Could not look up the customer for a reply from staff {}: {}", PhoneMask.mask(staff),
                    e.getMessage());
            return notice(text, line, "Your reply could not be relayed just now (a storage problem). Please send it"
                    + " again in a minute.");
        }
    }

    private Outcome relay(IncomingText text, String line, String staff, String body) {
        Optional<ReplyTags.Tagged> tagged = ReplyTags.split(body);
        String customer;
        String message;
        if (tagged.isPresent()) {
            String tag = tagged.get().tag();
            Optional<String> found = ReplyTags.wellFormed(tag) ? store.customerForTag(line, tag)
                    : Optional.empty();
            if (found.isEmpty()) {
                LOG.info("Staff {} used unknown tag #{} on line {}: nothing relayed", PhoneMask.mask(staff), tag,
                        PhoneMask.mask(line));
                return notice(text, line, "No customer has tag #" + tag + " on this number. " + NO_TAG);
            }
            customer = found.get();
            message = tagged.get().message();
        } else {
            Optional<String> last = store.lastAlerted(staff, line, clock.instant());
            if (last.isEmpty()) {
                return notice(text, line, NO_TAG);
            }
            customer = last.get();
            message = body;
        }
        if (message.isEmpty()) {
            return notice(text, line, text.mediaCount() > 0
                    ? "Pictures cannot be relayed yet: write the message as text. Nothing was sent."
                    : "Nothing to send: write your message after the tag. Nothing was sent.");
        }
        if (message.length() > MAX_LENGTH) {
            return notice(text, line, "Too long to relay (" + message.length() + " characters, at most " + MAX_LENGTH
                    + "). Nothing was sent.");
        }
        SendResult result = texts.send(new OutgoingText(TextKeys.relay(text.messageSid()), RELAY_KIND, customer,
                Optional.of(line), Optional.empty(), message, statusCallback, Optional.of(staff)));
        LOG.info("Staff {} reply to {} on line {}: {}", PhoneMask.mask(staff), PhoneMask.mask(customer),
                PhoneMask.mask(line), result.status());
        String who = HumanPhone.format(customer);
        return switch (result.status()) {
            case SENT, QUEUED -> Outcome.RELAYED;
            case DUPLICATE -> Outcome.DUPLICATE;
            case OPTED_OUT -> notice(text, line, who + " has opted out of texts (STOP): your reply was not sent."
                    + " Call them instead.");
            case CAPPED -> notice(text, line, who + " has had the most texts allowed today: your reply was not sent.");
            case INVALID_NUMBER -> notice(text, line, who + " cannot take texts: your reply was not sent.");
            case FAILED -> notice(text, line, "Your reply to " + who + " could not be sent (" + result.detail() + ").");
        };
    }

    private Outcome notice(IncomingText text, String line, String notice) {
        SendResult result = texts.send(new OutgoingText(TextKeys.relayNotice(text.messageSid()), NOTICE_KIND,
                text.from(), Optional.of(line), Optional.empty(), notice, statusCallback));
        LOG.info("Notice to staff {}: {}", PhoneMask.mask(text.from()), result.status());
        return result.status() == SendResult.Status.DUPLICATE ? Outcome.DUPLICATE : Outcome.NOTICE;
    }
}
