package dev.switchboard.alerts;

import dev.switchboard.shared.alerts.AlertSettings;
import dev.switchboard.shared.config.Line;
import dev.switchboard.shared.config.Lines;
import dev.switchboard.shared.contacts.ContactProfiles;
import dev.switchboard.shared.jobs.AlertJob;
import dev.switchboard.shared.jobs.TextKeys;
import dev.switchboard.shared.logging.PhoneMask;
import dev.switchboard.shared.queue.JobSender;
import dev.switchboard.shared.queue.RetryLater;
import dev.switchboard.shared.sms.OutgoingText;
import dev.switchboard.shared.sms.SendResult;
import dev.switchboard.shared.sms.TextSender;
import dev.switchboard.shared.storage.OnceOnly;
import dev.switchboard.shared.storage.OnceOnly.WhenUnavailable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert queue's rules: tells a line's staff about one event by text ({@code alertTo}) and e-mail
 * ({@code alertEmail}), exactly once per event and recipient:
 * <ul>
 *   <li>each text is keyed {@code alert:<event>:<staff>} in the outbound pipeline, so a redelivered job, or the
 *       voicemail's second trigger (transcript after the deadline), sends nothing again; a staff member who
 *       texted STOP gets no text (the pipeline's opt-out rule) but still gets the e-mail;</li>
 *   <li>each e-mail is guarded by a once-only marker; an SES failure never holds back the texts (they go
 *       first) and is retried through this queue as an {@link AlertJob.Email} job;</li>
 *   <li>a voicemail's deadline job sends only while the transcriber has not finished (else the transcriber's
 *       own job is on the queue), saying "transcript to follow";</li>
 *   <li>the customer's reply tag starts every text; the last alerted customer is noted per staff member and
 *       line for a reply without a tag; a staff number is never alerted about as a customer.</li>
 * </ul>
 */
public final class OwnerAlerts {

    private static final Logger LOG = LoggerFactory.getLogger(OwnerAlerts.class);
    static final String EMAIL_SCOPE = "alert-email";
    static final Duration ONCE_FOR = Duration.ofDays(30);

    /** What happened to one alert job, for the log and the tests. */
    public record Outcome(Status status, List<SendResult.Status> texts, int emailsSent, int emailsQueued) {

        public enum Status {
            /** Sent (or found already sent) to its recipients. */
            ALERTED,
            /** This kind of alert is turned off on the line. */
            TURNED_OFF,
            /** About a staff number: staff are not customers. */
            STAFF,
            /** A voicemail deadline after the transcriber had finished: its own job alerts. */
            NOT_DUE,
            /** Nobody to tell: the line has no alertTo and no alertEmail. */
            NOBODY
        }

        static Outcome of(Status status) {
            return new Outcome(status, List.of(), 0, 0);
        }
    }

    private final Lines lines;
    private final Supplier<AlertSettings> settings;
    private final Predicate<String> isStaff;
    private final AlertStore store;
    private final TextSender texts;
    private final EmailSender emails;
    private final OnceOnly once;
    private final JobSender<AlertJob> retryQueue;
    private final String publicBaseUrl;
    private final String statusCallback;
    private final Optional<String> messagingServiceSid;
    private final Clock clock;

    /**
     * @param settings            the alert settings in force now
     * @param retryQueue          this worker's own queue, for an e-mail whose first send failed
     * @param messagingServiceSid what texts are sent through when the line has no number to send from
     */
    public OwnerAlerts(Lines lines, Supplier<AlertSettings> settings, Predicate<String> isStaff, AlertStore store,
                       TextSender texts, EmailSender emails, OnceOnly once, JobSender<AlertJob> retryQueue,
                       String publicBaseUrl, String statusCallback, Optional<String> messagingServiceSid, Clock clock) {
        this.lines = lines;
        this.settings = settings;
        this.isStaff = isStaff;
        this.store = store;
        this.texts = texts;
        this.emails = emails;
        this.once = once;
        this.retryQueue = retryQueue;
        this.publicBaseUrl = publicBaseUrl;
        this.statusCallback = statusCallback;
        this.messagingServiceSid = messagingServiceSid;
        this.clock = clock;
    }

    public Outcome handle(AlertJob job) {
        if (job instanceof AlertJob.Email email) {
            return retryEmail(email);
        }
        return alert((AlertJob.AboutCustomer) job);
    }

    private Outcome alert(AlertJob.AboutCustomer job) {
        AlertSettings.LineAlerts config = settings.get().forLine(job.line());
        if (!enabled(config.kinds(), job)) {
            LOG.info("{} alert for {} not sent: turned off on line {}", job.kind(), PhoneMask.mask(job.customer()),
                    PhoneMask.mask(job.line()));
            return Outcome.of(Outcome.Status.TURNED_OFF);
        }
        if (!job.withheld() && isStaff.test(job.customer())) {
            LOG.info("{} from staff number {}: no alert (staff are not customers)", job.kind(),
                    PhoneMask.mask(job.customer()));
            return Outcome.of(Outcome.Status.STAFF);
        }
        if (job instanceof AlertJob.Voicemail v && v.trigger() == AlertJob.Trigger.deadline
                && store.transcriptSettled(v.recordingSid())) {
            LOG.info("Voicemail {}: deadline reached after the transcriber finished; its own alert job tells staff",
                    v.recordingSid());
            return Outcome.of(Outcome.Status.NOT_DUE);
        }
        if (config.alertTo().isEmpty() && config.alertEmail().isEmpty()) {
            LOG.warn("{} alert for {} on line {}: nobody to tell (set alertTo or forwardTo in LINES, or ALERT_TO)",
                    job.kind(), PhoneMask.mask(job.customer()), PhoneMask.mask(job.line()));
            return Outcome.of(Outcome.Status.NOBODY);
        }
        Instant now = clock.instant();
        Line line = lines.forNumber(job.line());
        String lineKey = lineKey(job, line);
        Optional<String> name = name(job, now);
        // A withheld number has no tag (nobody to reply to) and no conversation page: the voicemail links to its
        // recording instead.
        String tag = job.withheld() ? null : store.tagFor(lineKey, job.customer(), now);
        String link = !job.withheld() ? publicBaseUrl + "/inbox/c/" + job.customer()
                : job instanceof AlertJob.Voicemail v ? publicBaseUrl + "/recordings/" + v.recordingSid()
                : publicBaseUrl + "/inbox";
        String body;
        if (job.withheld() && job instanceof AlertJob.Voicemail v) {
            body = AlertTexts.withheldVoicemail(v, name, link);
        } else if (job.withheld()) {
            body = AlertTexts.withheldMissedCall((AlertJob.MissedCall) job, line.timeZone());
        } else if (job instanceof AlertJob.Voicemail v) {
            body = AlertTexts.voicemail(tag, v, name, link);
        } else if (job instanceof AlertJob.Quote q) {
            body = AlertTexts.quote(tag, q, name, link);
        } else if (job instanceof AlertJob.Text t) {
            body = AlertTexts.text(tag, t, name);
        } else if (job instanceof AlertJob.Appointment a) {
            body = AlertTexts.appointment(tag, a, name, line.timeZone());
        } else {
            body = AlertTexts.missedCall(tag, (AlertJob.MissedCall) job, name, line.timeZone());
        }
        Optional<String> from = Optional.ofNullable(job.line()).or(line::number).or(line::smsFrom);
        List<SendResult.Status> sent = new ArrayList<>();
        for (String staff : config.alertTo()) {
            if (from.isEmpty() && messagingServiceSid.isEmpty()) {
                LOG.error("No number to text alerts from on line {} (set smsFrom or TWILIO_MESSAGING_SERVICE_SID)",
                        PhoneMask.mask(job.line()));
                break;
            }
            SendResult result = texts.send(new OutgoingText(TextKeys.alert(job.eventKey(), staff), "alert-" + job.kind(),
                    staff, from, from.isPresent() ? Optional.empty() : messagingServiceSid, body, statusCallback));
            sent.add(result.status());
            if (result.status() == SendResult.Status.SENT || result.status() == SendResult.Status.QUEUED) {
                try {
                    if (job.withheld()) {
                        store.alertedWithheld(staff, lineKey, now);
                    } else {
                        store.alerted(staff, lineKey, job.customer(), now);
                    }
                } catch (RuntimeException e) {
                    LOG.warn("Could not note the last alert to {}: {}", PhoneMask.mask(staff), e.getMessage());
                }
            }
            LOG.info("{} alert about {} to {}: {}", job.kind(),
                    job.withheld() ? "a withheld number" : PhoneMask.mask(job.customer()), PhoneMask.mask(staff),
                    result.status());
        }
        int emailed = 0;
        int queued = 0;
        if (!config.alertEmail().isEmpty()) {
            AlertEmail email = AlertEmail.of(job, tag, name, link, line.businessName(), line.timeZone());
            for (String address : config.alertEmail()) {
                if (sendEmail(new AlertJob.Email(job.eventKey() + ":" + address, address, email.subject(), email.text(),
                        email.html()), false)) {
                    emailed++;
                } else {
                    queued++;
                }
            }
        }
        return new Outcome(Outcome.Status.ALERTED, List.copyOf(sent), emailed, queued);
    }

    private Outcome retryEmail(AlertJob.Email email) {
        sendEmail(email, true);
        return new Outcome(Outcome.Status.ALERTED, List.of(), 1, 0);
    }

    /**
     * Sends an e-mail once per key. A failure on a first try queues the e-mail as its own job (the texts are
     * not held back); on a queued job's try it throws {@link RetryLater}.
     *
     * @return true when sent now or before; false when queued for a retry
     */
    private boolean sendEmail(AlertJob.Email email, boolean isRetry) {
        Optional<String> from = settings.get().emailFrom();
        if (from.isEmpty()) {
            LOG.error("E-mail alert {} not sent: ALERT_EMAIL_FROM is not set", email.key());
            return true;
        }
        try {
            OnceOnly.Outcome outcome = once.once(EMAIL_SCOPE, email.key(), ONCE_FOR, WhenUnavailable.THROW,
                    () -> emails.send(from.get(), email.to(), email.subject(), email.text(), email.html()));
            LOG.info("E-mail alert {}: {}", email.key().replaceAll(":[^:]*@.*$", ":<address>"),
                    outcome == OnceOnly.Outcome.ALREADY_DONE ? "already sent" : "sent");
            return true;
        } catch (RuntimeException e) {
            if (isRetry) {
                throw new RetryLater("e-mail alert could not be sent: " + e.getMessage(), e);
            }
            LOG.warn("E-mail alert could not be sent now ({}); queued for a retry", e.getMessage());
            try {
                retryQueue.send(email);
            } catch (RuntimeException queueDown) {
                throw new RetryLater("e-mail alert could neither be sent nor queued: " + queueDown.getMessage(), queueDown);
            }
            return false;
        }
    }

    private Optional<String> name(AlertJob.AboutCustomer job, Instant now) {
        String raw = job instanceof AlertJob.Voicemail v ? v.name() : job instanceof AlertJob.Quote q ? q.name() : null;
        Optional<String> given = Optional.ofNullable(raw).map(String::strip).filter(n -> !n.isEmpty());
        if (job.withheld()) {
            return given; // what the caller said; no profile to keep it in
        }
        try {
            if (given.isPresent()) {
                store.rememberName(job.customer(), given.get(), job instanceof AlertJob.Quote
                        ? ContactProfiles.NameSource.web : ContactProfiles.NameSource.transcript, now);
                // A name from a stronger source (the web form, the CRM) is the one to show.
                return store.name(job.customer()).or(() -> Optional.of(given.get()));
            }
            return store.name(job.customer());
        } catch (RuntimeException e) {
            LOG.warn("Could not read or note the name of {}: {}", PhoneMask.mask(job.customer()), e.getMessage());
            return given;
        }
    }

    /** The line a customer's tag and last alert are kept under: the business number the customer reached. */
    static String lineKey(AlertJob.AboutCustomer job, Line line) {
        return Optional.ofNullable(job.line()).or(line::number).or(line::smsFrom).orElse("default");
    }

    private static boolean enabled(AlertSettings.Kinds kinds, AlertJob.AboutCustomer job) {
        if (job instanceof AlertJob.Voicemail) {
            return kinds.voicemail();
        }
        if (job instanceof AlertJob.Quote) {
            return kinds.quote();
        }
        if (job instanceof AlertJob.Text) {
            return kinds.text();
        }
        if (job instanceof AlertJob.Appointment) {
            // The customer answered a text the business sent: always worth telling (a reschedule needs a call).
            return true;
        }
        return kinds.missedCall();
    }
}
