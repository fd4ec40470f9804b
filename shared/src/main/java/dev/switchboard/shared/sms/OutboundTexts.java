package dev.switchboard.shared.sms;

import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.jobs.SmsJob;
import dev.switchboard.shared.logging.PhoneMask;
import dev.switchboard.shared.queue.JobQueue;
import dev.switchboard.shared.queue.PermanentJobFailure;
import dev.switchboard.shared.queue.RetryLater;
import dev.switchboard.shared.storage.Item;
import dev.switchboard.shared.storage.OptOuts;
import dev.switchboard.shared.storage.Table;
import dev.switchboard.shared.twilio.TwilioRestClients;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Every text Switchboard sends goes through here, so the rules hold everywhere:
 * <ul>
 *   <li>never to a number that opted out or cannot take texts;</li>
 *   <li>at most once per key, however often a webhook or job is redelivered (a conditional write before
 *       the send);</li>
 *   <li>at most {@code SMS_DAILY_CAP_PER_RECIPIENT} a day to one customer;</li>
 *   <li>a send that fails for now (timeout, 5xx, 429) is queued and retried by the sms-sender worker;
 *       when the failed attempt may have gone out (timeout, 5xx), the retry first looks for the message
 *       among the recipient's recent messages instead of sending blindly;</li>
 *   <li>Twilio's 21610 marks the number opted out; 21211/21614 mark it unusable.</li>
 * </ul>
 * A failure here never throws to a webhook: the caller gets a {@link SendResult}.
 */
public final class OutboundTexts implements TextSender {

    private static final Logger LOG = LoggerFactory.getLogger(OutboundTexts.class);
    private static final Duration RECENT_SLACK = Duration.ofMinutes(5);
    public static final int DEFAULT_DAILY_CAP = 10;

    private final TextGateway gateway;
    private final TextLedger ledger;
    private final OptOuts optOuts;
    private final DailyTextCap cap;
    private final JobQueue retryQueue;
    private final Predicate<String> exemptFromCap;
    private final Clock clock;

    /**
     * @param exemptFromCap numbers the daily cap does not apply to (the owner's own phone gets every forward)
     */
    public OutboundTexts(TextGateway gateway, TextLedger ledger, OptOuts optOuts, DailyTextCap cap,
                         JobQueue retryQueue, Predicate<String> exemptFromCap, Clock clock) {
        this.gateway = gateway;
        this.ledger = ledger;
        this.optOuts = optOuts;
        this.cap = cap;
        this.retryQueue = retryQueue;
        this.exemptFromCap = exemptFromCap;
        this.clock = clock;
    }

    /**
     * The real pipeline: Twilio's Messages API ({@code TWILIO_*}, through {@code TwilioRestClients}), the
     * SMS retry queue ({@code SMS_QUEUE_URL}) and the daily cap per recipient
     * ({@code SMS_DAILY_CAP_PER_RECIPIENT}, default {@value #DEFAULT_DAILY_CAP}).
     */
    public static OutboundTexts fromSettings(Settings settings, Table table, SqsClient sqs,
                                             Predicate<String> exemptFromCap, Clock clock) {
        int cap = settings.integer("SMS_DAILY_CAP_PER_RECIPIENT", DEFAULT_DAILY_CAP, 1, 1000);
        return new OutboundTexts(new TwilioTextGateway(TwilioRestClients.create(settings)), new TextLedger(table, MessageRecords.fromSettings(settings, table)),
                new OptOuts(table), new DailyTextCap(table, cap), new JobQueue(sqs, settings.required("SMS_QUEUE_URL")),
                exemptFromCap, clock);
    }

    /** Sends a text now, or queues it; see the class comment. */
    @Override
    public SendResult send(OutgoingText text) {
        Instant now = clock.instant();
        String to = PhoneMask.mask(text.to());
        try {
            if (!optOuts.canText(text.to())) {
                LOG.info("Not texting {} ({}): opted out or unusable", to, text.kind());
                return SendResult.of(SendResult.Status.OPTED_OUT, null, "recipient opted out");
            }
            Optional<Map<String, AttributeValue>> existing = ledger.claim(text, now);
            if (existing.isPresent()) {
                String state = Item.string(existing.get(), "state").orElse("?");
                LOG.info("Text {} to {} already {}: not sending again", text.key(), to, state);
                return SendResult.of(SendResult.Status.DUPLICATE, Item.string(existing.get(), "sid").orElse(null), state);
            }
            if (!exemptFromCap.test(text.to()) && !cap.tryConsume(text.to(), now)) {
                LOG.warn("Not texting {} ({}): daily cap reached", to, text.kind());
                ledger.markFinal(text.key(), TextLedger.SKIPPED, "daily cap reached", now);
                return SendResult.of(SendResult.Status.CAPPED, null, "daily cap reached");
            }
        } catch (SdkException e) {
            // The table is unreachable: the worker will claim and send it once the table is back.
            LOG.error("Text {} to {} could not be recorded ({}); queueing it", text.key(), to, e.getMessage());
            return enqueue(text, null, "storage unavailable", now);
        }
        SendAttempt attempt;
        try {
            attempt = gateway.send(text);
        } catch (RuntimeException e) {
            // Whatever went wrong, the request may have left: the worker checks before it resends.
            attempt = SendAttempt.failed(SendAttempt.Outcome.AMBIGUOUS, null, "unexpected: " + e);
        }
        return settle(text, attempt, now);
    }

    private SendResult settle(OutgoingText text, SendAttempt attempt, Instant now) {
        String to = PhoneMask.mask(text.to());
        switch (attempt.outcome()) {
            case SENT:
                LOG.info("Texted {} ({}): {}", to, text.kind(), attempt.sid());
                safely(() -> ledger.markSent(text, attempt.sid(), attempt.status(), now));
                return SendResult.of(SendResult.Status.SENT, attempt.sid(), attempt.status());
            case AMBIGUOUS:
            case RETRYABLE:
            case AUTH_FAILED:
                LOG.warn("Text {} to {} not confirmed ({}: {}); queued for retry", text.key(), to, attempt.outcome(),
                        attempt.detail());
                return enqueue(text, attempt.outcome() == SendAttempt.Outcome.AMBIGUOUS, attempt.detail(), now);
            case OPTED_OUT:
                LOG.info("Twilio says {} opted out (21610); recorded", to);
                safely(() -> optOuts.optOut(text.to(), "twilio-21610", now));
                safely(() -> ledger.markFinal(text.key(), TextLedger.SKIPPED, "21610 recipient unsubscribed", now));
                return SendResult.of(SendResult.Status.OPTED_OUT, null, "21610");
            case INVALID_NUMBER:
                LOG.info("Twilio says {} cannot take texts ({}); recorded", to, attempt.errorCode());
                safely(() -> optOuts.markUnusable(text.to(), "twilio-" + attempt.errorCode(), now));
                safely(() -> ledger.markFinal(text.key(), TextLedger.FAILED, attempt.detail(), now));
                return SendResult.of(SendResult.Status.INVALID_NUMBER, null, attempt.detail());
            default:
                LOG.error("Twilio refused text {} to {}: {}", text.key(), to, attempt.detail());
                safely(() -> ledger.markFinal(text.key(), TextLedger.FAILED, attempt.detail(), now));
                return SendResult.of(SendResult.Status.FAILED, null, attempt.detail());
        }
    }

    private SendResult enqueue(OutgoingText text, Boolean ambiguous, String detail, Instant now) {
        if (ambiguous != null) {
            safely(() -> ledger.markQueued(text.key(), ambiguous, detail, now));
        }
        try {
            retryQueue.send(new SmsJob(text.key(), text.kind(), text.to(), text.from().orElse(null),
                    text.messagingServiceSid().orElse(null), text.body(), text.statusCallback(), now.toString(),
                    text.sentBy().orElse(null)));
            return SendResult.of(SendResult.Status.QUEUED, null, detail);
        } catch (SdkException e) {
            LOG.error("Text {} to {} could not be queued either ({}); it is lost", text.key(),
                    PhoneMask.mask(text.to()), e.getMessage());
            return SendResult.of(SendResult.Status.FAILED, null, "could not queue: " + e.getMessage());
        }
    }

    /**
     * The sms-sender worker's retry of a queued text: done when already sent/skipped/failed; when an earlier
     * attempt may have gone out, looks for it among the recipient's recent messages before sending again.
     *
     * @throws RetryLater          when it should be tried again after a backoff
     * @throws PermanentJobFailure when it can never be sent as configured (goes to the DLQ)
     */
    public SendResult retry(SmsJob job) {
        Instant now = clock.instant();
        OutgoingText text = new OutgoingText(job.key(), job.kind(), job.to(), Optional.ofNullable(job.from()),
                Optional.ofNullable(job.messagingServiceSid()), job.body(), job.statusCallback(),
                Optional.ofNullable(job.sentBy()));
        Optional<Map<String, AttributeValue>> entry = ledger.find(job.key());
        boolean claimedNow = false;
        if (entry.isEmpty()) {
            // The first attempt could not record its claim (the table was unreachable): claim it here.
            if (!optOuts.canText(text.to())) {
                return SendResult.of(SendResult.Status.OPTED_OUT, null, "recipient opted out");
            }
            entry = ledger.claim(text, now);
            if (entry.isEmpty()) {
                claimedNow = true;
                if (!exemptFromCap.test(text.to()) && !cap.tryConsume(text.to(), now)) {
                    LOG.warn("Not texting {} ({}): daily cap reached", PhoneMask.mask(text.to()), text.kind());
                    ledger.markFinal(text.key(), TextLedger.SKIPPED, "daily cap reached", now);
                    return SendResult.of(SendResult.Status.CAPPED, null, "daily cap reached");
                }
                entry = Optional.of(Map.of("state", Item.s(TextLedger.SENDING), "createdAt", Item.time(now)));
            }
        }
        String state = Item.string(entry.get(), "state").orElse(TextLedger.SENDING);
        if (TextLedger.SENT.equals(state) || TextLedger.SKIPPED.equals(state) || TextLedger.FAILED.equals(state)) {
            return SendResult.of(SendResult.Status.DUPLICATE, Item.string(entry.get(), "sid").orElse(null), state);
        }
        if (!optOuts.canText(text.to())) {
            ledger.markFinal(text.key(), TextLedger.SKIPPED, "recipient opted out", now);
            return SendResult.of(SendResult.Status.OPTED_OUT, null, "recipient opted out");
        }
        // "sending" claimed by someone else means an earlier attempt never reported back: possibly sent.
        boolean ambiguous = !claimedNow
                && (Item.flag(entry.get(), "ambiguous") || TextLedger.SENDING.equals(state));
        if (ambiguous) {
            Instant since = Instant.parse(Item.string(entry.get(), "createdAt").orElse(job.requestedAt() == null
                    ? now.toString() : job.requestedAt())).minus(RECENT_SLACK);
            Optional<String> already;
            try {
                already = gateway.findRecent(text, since);
            } catch (RuntimeException e) {
                throw new RetryLater("could not check recent messages before resending: " + e.getMessage(), e);
            }
            if (already.isPresent()) {
                LOG.info("Text {} to {} had gone out after all ({}); not resending", job.key(),
                        PhoneMask.mask(job.to()), already.get());
                ledger.markSent(text, already.get(), "sent", now);
                return SendResult.of(SendResult.Status.SENT, already.get(), "found among recent messages");
            }
        }
        SendAttempt attempt = gateway.send(text);
        switch (attempt.outcome()) {
            case AMBIGUOUS:
                ledger.markQueued(job.key(), true, attempt.detail(), now);
                throw new RetryLater("Twilio did not confirm text " + job.key() + ": " + attempt.detail());
            case RETRYABLE:
                ledger.markQueued(job.key(), ambiguous, attempt.detail(), now);
                throw new RetryLater("Twilio asked to retry text " + job.key() + ": " + attempt.detail());
            case AUTH_FAILED:
                throw new PermanentJobFailure("Twilio rejected our credentials (" + attempt.detail()
                        + "): check TWILIO_ACCOUNT_SID and the auth token / API key, then re-drive the SMS DLQ");
            case REJECTED:
                ledger.markFinal(job.key(), TextLedger.FAILED, attempt.detail(), now);
                throw new PermanentJobFailure("Twilio refused text " + job.key() + ": " + attempt.detail());
            default:
                return settle(text, attempt, now);
        }
    }

    private static void safely(Runnable write) {
        try {
            write.run();
        } catch (SdkException e) {
            LOG.error("Could not record a text's outcome: {}", e.getMessage());
        }
    }
}
