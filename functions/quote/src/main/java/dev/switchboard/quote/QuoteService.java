package dev.switchboard.quote;

import dev.switchboard.shared.jobs.AlertJob;
import dev.switchboard.shared.jobs.CrmSyncJob;
import dev.switchboard.shared.logging.LogFields;
import dev.switchboard.shared.logging.PhoneMask;
import dev.switchboard.shared.pricing.Estimate;
import dev.switchboard.shared.queue.JobSender;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a valid quote request does: rate limited per address and per phone ({@link RateLimiter}), stored as a
 * lead ({@link LeadStore}; the same form posted again is the same lead), put on the CRM queue, and its
 * estimate texted to a customer who opted in. The lead is taken when the table OR the CRM queue has it;
 * only when neither does is the customer asked to try again.
 *
 * <p>A quote for a staff number ({@code STAFF}: someone testing the form) is validated, priced and answered
 * as usual, and its estimate texted when asked for (staff have no daily cap), but it is no customer: no lead
 * record, no CRM job, no staff alert and nothing in the activity feed.
 */
public final class QuoteService {

    private static final Logger LOG = LoggerFactory.getLogger(QuoteService.class);

    /** What became of a quote request. */
    public sealed interface Outcome permits Taken, RateLimited, NotTaken {
    }

    /** The lead is in the table, on the CRM queue, or both; {@code sms} says what became of the text. */
    public record Taken(Lead lead, SmsOutcome sms) implements Outcome {
    }

    /** Too many requests from this address or for this phone: try again after {@code retryAfter}. */
    public record RateLimited(Duration retryAfter) implements Outcome {
    }

    /** Neither the table nor the CRM queue could take the lead: the customer is asked to try again. */
    public record NotTaken() implements Outcome {
    }

    private final LeadStore leads;
    private final RateLimiter limiter;
    private final JobSender<CrmSyncJob> crm;
    private final EstimateTexter texter;
    private final Optional<String> line;
    private final Clock clock;
    private final JobSender<AlertJob> alerts;
    private final Predicate<String> isStaff;

    /** Without staff alerts (tests and the benchmark). */
    public QuoteService(LeadStore leads, RateLimiter limiter, JobSender<CrmSyncJob> crm, EstimateTexter texter,
                        Optional<String> line, Clock clock) {
        this(leads, limiter, crm, texter, line, clock, job -> {
        });
    }

    /** Without a staff list (every number is a customer). */
    public QuoteService(LeadStore leads, RateLimiter limiter, JobSender<CrmSyncJob> crm, EstimateTexter texter,
                        Optional<String> line, Clock clock, JobSender<AlertJob> alerts) {
        this(leads, limiter, crm, texter, line, clock, alerts, phone -> false);
    }

    /**
     * @param line   the business line quotes belong to (E.164), passed on to the CRM; empty when unknown
     * @param alerts  the alert queue: staff hear of every quote taken
     * @param isStaff staff numbers ({@code STAFF}): their quotes are answered but never become a lead
     */
    public QuoteService(LeadStore leads, RateLimiter limiter, JobSender<CrmSyncJob> crm, EstimateTexter texter,
                        Optional<String> line, Clock clock, JobSender<AlertJob> alerts, Predicate<String> isStaff) {
        this.alerts = alerts;
        this.isStaff = isStaff;
        this.leads = leads;
        this.limiter = limiter;
        this.crm = crm;
        this.texter = texter;
        this.line = line;
        this.clock = clock;
    }

    /** @param clientIp the address the request came from, when known */
    public Outcome submit(ValidQuote quote, Estimate estimate, Optional<String> clientIp) {
        Optional<Duration> wait = limiter.acquire(clientIp, quote.phone());
        if (wait.isPresent()) {
            return new RateLimited(wait.get());
        }
        Lead proposed = new Lead(Lead.newId(), clock.instant(), quote, estimate);
        String phone = PhoneMask.mask(quote.phone());
        if (isStaff.test(quote.phone())) {
            return staffQuote(proposed, phone);
        }
        Lead lead = proposed;
        boolean stored;
        try {
            String leadId = leads.save(proposed);
            if (!leadId.equals(proposed.id())) {
                LOG.info("Quote from {} repeats lead {} (same form posted again); answering as before", phone, leadId);
                lead = new Lead(leadId, proposed.createdAt(), proposed.quote(), proposed.estimate());
            }
            stored = true;
        } catch (RuntimeException e) {
            LOG.error("Lead {} from {} could not be stored in the table ({}); it still goes to the CRM queue",
                    proposed.id(), phone, e.getMessage());
            stored = false;
        }
        LogFields.put("leadId", lead.id());
        boolean queued;
        try {
            crm.send(QuoteCrmJobs.of(lead, line));
            queued = true;
        } catch (RuntimeException e) {
            LOG.error("Lead {} from {} could not be put on the CRM queue ({}); it is in the table only", lead.id(),
                    phone, e.getMessage());
            queued = false;
        }
        if (!stored && !queued) {
            LOG.error("Quote from {} NOT TAKEN: neither the table nor the CRM queue is reachable; the customer was"
                    + " asked to try again", phone);
            return new NotTaken();
        }
        alert(lead);
        if (stored) {
            try {
                leads.recordActivity(lead, line);
            } catch (RuntimeException e) {
                LOG.warn("Lead {} not filed in the activity index: {}", lead.id(), e.getMessage());
            }
        }
        SmsOutcome sms = lead.quote().textOptIn() ? texter.text(lead) : SmsOutcome.NOT_SENT;
        LOG.info("Quote {} from {}: {} {}; text {}", lead.id(), phone, lead.estimate().service(),
                lead.estimate().amountText().map(a -> "$" + a).orElse("(unpriced)"),
                !lead.quote().textOptIn() ? "not requested" : sms.sent() ? "sent " + sms.sid().orElse("")
                        : sms.queued() ? "queued" : "not sent");
        return new Taken(lead, sms);
    }

    /**
     * A staff member tried the form: answered and texted like a customer (the texter's pipeline does not cap
     * staff), but nothing is stored, queued for the CRM, alerted or filed in the feed.
     */
    private Outcome staffQuote(Lead lead, String phone) {
        LogFields.put("leadId", lead.id());
        SmsOutcome sms = lead.quote().textOptIn() ? texter.text(lead) : SmsOutcome.NOT_SENT;
        LOG.info("Quote {} from staff number {}: answered ({} {}), text {}; no lead, no CRM job, no alert (staff are"
                        + " not customers)", lead.id(), phone, lead.estimate().service(),
                lead.estimate().amountText().map(a -> "$" + a).orElse("(unpriced)"),
                !lead.quote().textOptIn() ? "not requested" : sms.sent() ? "sent " + sms.sid().orElse("")
                        : sms.queued() ? "queued" : "not sent");
        return new Taken(lead, sms);
    }

    /** Queues the staff alert for a quote taken; a repeat of the same form has the same lead, so one alert. */
    private void alert(Lead lead) {
        ValidQuote q = lead.quote();
        String vehicle = java.util.stream.Stream.of(q.year().map(String::valueOf), q.make(), q.model())
                .flatMap(Optional::stream).filter(v -> !v.isBlank()).collect(java.util.stream.Collectors.joining(" "));
        try {
            alerts.send(new AlertJob.Quote(lead.id(), q.phone(), line.orElse(null), lead.createdAt().toString(), q.name(),
                    vehicle.isEmpty() ? null : vehicle, lead.estimate().service(), lead.estimate().amountText().orElse(null),
                    lead.estimate().currency()));
        } catch (RuntimeException e) {
            LOG.error("Lead {}: the staff alert could not be queued ({}); the lead is taken", lead.id(), e.getMessage());
        }
    }
}
