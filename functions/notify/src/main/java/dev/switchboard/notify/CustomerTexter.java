package dev.switchboard.notify;

import dev.switchboard.shared.logging.PhoneMask;
import dev.switchboard.shared.sms.OutgoingText;
import dev.switchboard.shared.sms.SendResult;
import dev.switchboard.shared.sms.TextSender;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one customer text through the outbound pipeline ({@link TextSender}: opt-outs, once per
 * {@code notify:<id>}, the daily cap, retries through the SMS queue), adding "Reply STOP to opt out" to the
 * first text the customer gets this way, and records what became of it. Used by the API for a text due now
 * and by the sweeper for a scheduled one.
 */
public final class CustomerTexter {

    public static final String STOP_NOTICE = "Reply STOP to opt out.";
    private static final Logger LOG = LoggerFactory.getLogger(CustomerTexter.class);

    /** Told about every text that went (or was queued to go): the CRM note, the conversation. */
    @FunctionalInterface
    public interface Listener {
        void sent(SendRecord record, Optional<String> sid, Instant at);

        Listener NONE = (record, sid, at) -> { };
    }

    private final TextSender texts;
    private final NotifyStore store;
    private final Optional<String> messagingServiceSid;
    private final String statusCallback;
    private final Listener listener;

    public CustomerTexter(TextSender texts, NotifyStore store, Optional<String> messagingServiceSid,
                          String statusCallback, Listener listener) {
        this.texts = texts;
        this.store = store;
        this.messagingServiceSid = messagingServiceSid;
        this.statusCallback = statusCallback;
        this.listener = listener;
    }

    /** The body with the opt-out notice, as the first text to a customer carries it. */
    public static String withNotice(String body) {
        return body + " " + STOP_NOTICE;
    }

    static boolean mentionsStop(String body) {
        return body.toUpperCase(java.util.Locale.ROOT).contains("STOP");
    }

    /** Sends it now; the record's status is settled to sent, queued, skipped or failed. */
    public SendResult send(SendRecord record, Instant now) {
        boolean notice = !mentionsStop(record.body()) && store.firstText(record.to(), now);
        String body = notice ? withNotice(record.body()) : record.body();
        SendResult result;
        try {
            result = texts.send(new OutgoingText(record.textKey(), "notify-" + record.template().id().replace('_', '-'),
                    record.to(), record.from(), record.from().isPresent() ? Optional.empty() : messagingServiceSid,
                    body, statusCallback));
        } catch (RuntimeException e) {
            LOG.error("Text {} to {} failed unexpectedly", record.id(), PhoneMask.mask(record.to()), e);
            result = new SendResult(SendResult.Status.FAILED, Optional.empty(), "unexpected: " + e.getMessage());
        }
        String status = status(result);
        if (notice && !SendRecord.SENT.equals(status) && !SendRecord.QUEUED.equals(status)) {
            safely(() -> store.forgetFirstText(record.to()));
        }
        SendResult settledResult = result;
        safely(() -> store.settle(record.id(), status, settledResult.sid(),
                Optional.of(settledResult.detail()).filter(d -> !d.isBlank()), now));
        if (SendRecord.SENT.equals(status) || SendRecord.QUEUED.equals(status)) {
            SendRecord sent = new SendRecord(record.id(), record.to(), record.line(), record.from(), record.template(),
                    body, status, record.sendAt(), result.sid(), record.appointmentId(), record.appointmentAt(),
                    record.urgent(), record.createdAt(), Optional.empty());
            try {
                listener.sent(sent, result.sid(), now);
            } catch (RuntimeException e) {
                LOG.error("Text {} went, but recording it (CRM note, conversation) failed: {}", record.id(), e.getMessage());
            }
        }
        LOG.info("Customer text {} ({}) to {}: {}", record.id(), record.template().id(), PhoneMask.mask(record.to()),
                result.status());
        return result;
    }

    /** The record's status for a pipeline result. */
    static String status(SendResult result) {
        if (result.sent()) {
            return SendRecord.SENT;
        }
        if (result.queued()) {
            return SendRecord.QUEUED;
        }
        return switch (result.status()) {
            case OPTED_OUT -> SendRecord.SKIPPED;
            case DUPLICATE -> SendRecord.SENT;
            default -> SendRecord.FAILED;
        };
    }

    private static void safely(Runnable write) {
        try {
            write.run();
        } catch (RuntimeException e) {
            LOG.error("Could not record a customer text's outcome: {}", e.getMessage());
        }
    }
}
