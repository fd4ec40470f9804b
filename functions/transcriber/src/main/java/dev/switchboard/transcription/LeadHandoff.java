package dev.switchboard.transcription;

import dev.switchboard.shared.jobs.AlertJob;
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
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * After a transcript is stored (or when none will be made), puts one {@code transcript} job on the CRM
 * queue: the caller, the call, the recording's link, the excerpt and the extracted fields with their
 * evidence, and the estimate the price table gives for the service heard, exactly as a web quote is
 * priced. Once per recording ({@code transcript:<CallSid>:<RecordingSid>}), whatever the queue redelivers.
 * A staff member's call is no lead (staff are not customers).
 * <p>For a voicemail it also queues the voicemail's alert ({@link AlertJob.Voicemail}, trigger
 * {@code transcript}, {@code untranscribed} or {@code failed}): the alert worker texts staff once per
 * recording, whichever of this and the archiver's deadline job comes first.
 */
public final class LeadHandoff {

    private static final Logger LOG = LoggerFactory.getLogger(LeadHandoff.class);
    static final String SCOPE = "crm-transcript";
    /** Longer than any job can sit in a queue and its DLQ (14 days). */
    static final Duration ONCE_FOR = Duration.ofDays(30);

    /** The whole transcript carried in an alert job (for the e-mail), at most. */
    static final int ALERT_TRANSCRIPT_MAX = 20_000;

    private final JobSender<CrmSyncJob> crmQueue;
    private final JobSender<AlertJob> alertQueue;
    private final Predicate<String> isStaff;
    private final OnceOnly once;
    private final Supplier<PriceTable> prices;
    private final String publicBaseUrl;
    private final Clock clock;

    /** @param prices the table in use now ({@link CallPricing}) */
    public LeadHandoff(JobSender<CrmSyncJob> crmQueue, JobSender<AlertJob> alertQueue, Predicate<String> isStaff,
                       OnceOnly once, Supplier<PriceTable> prices, String publicBaseUrl, Clock clock) {
        this.crmQueue = crmQueue;
        this.alertQueue = alertQueue;
        this.isStaff = isStaff;
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
        send(call, excerpt, Optional.empty(), extraction, occurredAt);
    }

    /**
     * Queues the CRM job unless it was queued before, and a voicemail's alert.
     *
     * @param transcript the whole transcript, for the alert e-mail; empty when there is none
     */
    public void send(TranscriptionJob.Transcribe call, Optional<String> excerpt, Optional<String> transcript,
                     Extraction extraction, String occurredAt) {
        Optional<CrmSyncJob.Transcript> job = build(call, excerpt, extraction, occurredAt, prices.get(), Year.now(clock),
                publicBaseUrl);
        if (job.isPresent() && isStaff.test(job.get().phone())) {
            LOG.info("Recording {} of call {}: the caller {} is staff; no lead, no alert", call.recordingSid(),
                    call.callSid(), PhoneMask.mask(job.get().phone()));
            return;
        }
        AlertJob.Trigger trigger = excerpt.isPresent() ? AlertJob.Trigger.transcript : AlertJob.Trigger.untranscribed;
        if (job.isPresent()) {
            alert(call, job.get(), trigger, transcript);
        } else {
            // Nobody to file a lead under, but staff still hear of the voicemail (without a reply tag).
            alertWithheld(call, excerpt, extraction, trigger, transcript, occurredAt);
        }
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

    /** Transcription failed for good: a voicemail's alert goes out now with what is known. */
    public void failed(TranscriptionJob.Transcribe call, String occurredAt) {
        Optional<CrmSyncJob.Transcript> job = build(call, Optional.empty(), Extraction.empty(), occurredAt, prices.get(),
                Year.now(clock), publicBaseUrl);
        if (job.isEmpty()) {
            alertWithheld(call, Optional.empty(), Extraction.empty(), AlertJob.Trigger.failed, Optional.empty(), occurredAt);
            return;
        }
        job.filter(j -> !isStaff.test(j.phone()))
                .ifPresent(j -> alert(call, j, AlertJob.Trigger.failed, Optional.empty()));
    }

    /**
     * Queues the alert of a voicemail whose caller withheld their number and said none: {@code customer} is
     * null, so staff get it without a reply tag; what was heard (name, vehicle, service) still goes in it.
     */
    private void alertWithheld(TranscriptionJob.Transcribe call, Optional<String> excerpt, Extraction extraction,
                               AlertJob.Trigger trigger, Optional<String> transcript, String occurredAt) {
        if (!"voicemail".equals(call.recordingKind())) {
            return;
        }
        String vehicle = Stream.of(extraction.vehicleYear(), extraction.vehicleMake(), extraction.vehicleModel())
                .flatMap(Optional::stream).map(ExtractedField::value).filter(v -> v != null && !v.isBlank())
                .collect(Collectors.joining(" "));
        queueAlert(call, new AlertJob.Voicemail(call.callSid(), call.recordingSid(), null, call.businessLine(),
                occurredAt, call.durationSeconds(), trigger, value(extraction.name()),
                extraction.vehicleMake().isPresent() || extraction.vehicleModel().isPresent() ? vehicle : null,
                value(extraction.service()), excerpt.filter(e -> !e.isBlank()).orElse(null), bounded(transcript)));
    }

    private static String bounded(Optional<String> transcript) {
        return transcript.filter(t -> !t.isBlank()).map(t -> t.length() > ALERT_TRANSCRIPT_MAX
                ? t.substring(0, ALERT_TRANSCRIPT_MAX) : t).orElse(null);
    }

    /** Queues a voicemail's alert (not a conversation's: staff were on that call). */
    private void alert(TranscriptionJob.Transcribe call, CrmSyncJob.Transcript lead, AlertJob.Trigger trigger,
                       Optional<String> transcript) {
        if (!"voicemail".equals(call.recordingKind())) {
            return;
        }
        String vehicle = lead.vehicle() == null ? null : Stream.of(lead.vehicle().year(), lead.vehicle().make(),
                lead.vehicle().model()).filter(v -> v != null && !v.isBlank()).collect(Collectors.joining(" "));
        queueAlert(call, new AlertJob.Voicemail(call.callSid(), call.recordingSid(), lead.phone(),
                call.businessLine(), lead.occurredAt(), call.durationSeconds(), trigger, lead.name(),
                vehicle == null || vehicle.isBlank() ? null : vehicle, lead.service(), lead.transcriptExcerpt(),
                bounded(transcript)));
    }

    private void queueAlert(TranscriptionJob.Transcribe call, AlertJob.Voicemail alert) {
        AlertJob.Trigger trigger = alert.trigger();
        try {
            alertQueue.send(alert);
        } catch (SdkException e) {
            throw new RetryLater("could not queue the alert for voicemail " + call.recordingSid() + ": "
                    + e.getMessage(), e);
        }
        LOG.info("Voicemail {} of call {}: alert queued ({})", call.recordingSid(), call.callSid(), trigger);
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
