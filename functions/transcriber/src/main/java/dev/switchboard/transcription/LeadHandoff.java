package dev.switchboard.transcription;

import dev.switchboard.shared.jobs.CrmSyncJob;
import dev.switchboard.shared.jobs.TranscriptionJob;
import dev.switchboard.shared.logging.PhoneMask;
import dev.switchboard.shared.phone.PhoneNumbers;
import dev.switchboard.shared.pricing.Estimate;
import dev.switchboard.shared.pricing.PriceTable;
import dev.switchboard.shared.queue.JobSender;
import dev.switchboard.shared.queue.RetryLater;
import dev.switchboard.shared.storage.OnceOnly.WhenUnavailable;
import dev.switchboard.shared.storage.OnceOnly;
import dev.switchboard.transcription.extract.ExtractedField;
import dev.switchboard.transcription.extract.Extraction;
import java.time.Clock;
import java.time.Duration;
import java.time.Year;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * After a transcript is stored (or when none will be made), puts one {@code transcript} job on the CRM
 * queue: the caller, the call, the recording's link, the excerpt and the extracted fields with their
 * evidence, and the estimate the price table gives for the service heard, exactly as a web quote is
 * priced. Once per recording ({@code transcript:<CallSid>:<RecordingSid>}), whatever the queue redelivers.
 */
public final class LeadHandoff {

    private static final Logger LOG = LoggerFactory.getLogger(LeadHandoff.class);
    static final String SCOPE = "crm-transcript";
    /** Longer than any job can sit in a queue and its DLQ (14 days). */
    static final Duration ONCE_FOR = Duration.ofDays(30);

    private final JobSender<CrmSyncJob> crmQueue;
    private final OnceOnly once;
    private final Supplier<PriceTable> prices;
    private final String publicBaseUrl;
    private final Clock clock;

    /** @param prices the table in use now ({@link CallPricing}) */
    public LeadHandoff(JobSender<CrmSyncJob> crmQueue, OnceOnly once, Supplier<PriceTable> prices, String publicBaseUrl,
                       Clock clock) {
        this.crmQueue = crmQueue;
        this.once = once;
        this.prices = prices;
        this.publicBaseUrl = publicBaseUrl;
        this.clock = clock;
    }

    /**
     * Queues the CRM job unless it was queued before.
     *
     * @param excerpt empty when there is no transcript (transcription off or skipped)
     */
    public void send(TranscriptionJob.Transcribe call, Optional<String> excerpt, Extraction extraction,
                     String occurredAt) {
        Optional<CrmSyncJob.Transcript> job = build(call, excerpt, extraction, occurredAt, prices.get(), Year.now(clock),
                publicBaseUrl);
        if (job.isEmpty()) {
            LOG.warn("Recording {} of call {}: no CRM lead, the caller's number is withheld ({}) and none was heard in"
                    + " the call", call.recordingSid(), call.callSid(), PhoneMask.mask(call.from()));
            return;
        }
        OnceOnly.Outcome queued;
        try {
            queued = once.once(SCOPE, call.callSid() + ":" + call.recordingSid(), ONCE_FOR, WhenUnavailable.THROW,
                    () -> crmQueue.send(job.get()));
        } catch (SdkException e) {
            throw new RetryLater("could not queue the CRM job for recording " + call.recordingSid() + ": "
                    + e.getMessage(), e);
        }
        if (queued == OnceOnly.Outcome.ALREADY_DONE) {
            LOG.info("CRM job for recording {} was already queued; not again", call.recordingSid());
            return;
        }
        LOG.info("Queued CRM lead for call {} from {} (recording {})", call.callSid(),
                PhoneMask.mask(job.get().phone()), call.recordingSid());
    }

    /** The CRM job, or empty when there is no number to file the lead under. */
    static Optional<CrmSyncJob.Transcript> build(TranscriptionJob.Transcribe call, Optional<String> excerpt, Extraction extraction,
                                      String occurredAt, PriceTable prices, Year thisYear, String publicBaseUrl) {
        Optional<String> spoken = extraction.callbackNumber().map(ExtractedField::value);
        String phone;
        String notes = null;
        // Twilio shows a withheld caller ID as a placeholder such as +266696687 ("ANONYMOUS"): not a number.
        if (PhoneNumbers.isValidE164(call.from())) {
            phone = call.from();
            if (spoken.isPresent() && !spoken.get().equals(phone)) {
                notes = "Asked to be called back at " + spoken.get() + ".";
            }
        } else if (spoken.isPresent()) {
            phone = spoken.get();
            notes = "Caller ID was withheld; the number is the one said in the call.";
        } else {
            return Optional.empty();
        }
        CrmSyncJob.Vehicle vehicle = null;
        if (extraction.vehicleMake().isPresent() || extraction.vehicleModel().isPresent()) {
            vehicle = new CrmSyncJob.Vehicle(value(extraction.vehicleYear()), value(extraction.vehicleMake()),
                    value(extraction.vehicleModel()), null);
        }
        String service = value(extraction.service());
        CrmSyncJob.Estimate estimate = null;
        if (service != null) {
            Integer year = extraction.vehicleYear().map(y -> Integer.valueOf(y.value())).orElse(null);
            Estimate priced = prices.estimate(service, year, null, thisYear);
            estimate = new CrmSyncJob.Estimate(priced.amountText().orElse(null), priced.currency(), priced.service());
        }
        Map<String, String> evidence = new LinkedHashMap<>();
        extraction.asMap().forEach((field, found) -> evidence.put(field, found.sentence()));
        return Optional.of(new CrmSyncJob.Transcript(call.callSid(), call.recordingSid(), occurredAt, phone,
                call.businessLine(), value(extraction.name()), vehicle, service, estimate, notes,
                "voicemail".equals(call.recordingKind()) ? "voicemail" : "answered", call.durationSeconds(),
                publicBaseUrl + "/recordings/" + call.recordingSid(), excerpt.filter(e -> !e.isBlank()).orElse(null),
                extraction.urgency().isEmpty() ? null : extraction.urgencyTerms(), evidence.isEmpty() ? null : evidence));
    }

    private static String value(Optional<ExtractedField> field) {
        return field.map(ExtractedField::value).orElse(null);
    }
}
