package dev.switchboard.shared.jobs;

import dev.switchboard.shared.queue.Job;
import java.util.List;
import java.util.Map;

/**
 * Put on the CRM queue by the quote function ({@code quote}), by the call-status function at the end of
 * a call ({@code call}) and by the transcriber when a transcript is stored ({@code transcript}). The CRM
 * worker turns each into exactly one lead per customer, created or updated.
 *
 * @param kind            {@code quote}, {@code call} or {@code transcript}
 * @param idempotencyKey  unique per job source: {@code quote:<leadId>}, {@code call:<CallSid>},
 *                        {@code transcript:<CallSid>:<RecordingSid>}
 * @param occurredAt      ISO-8601 instant of the quote or call
 * @param phone           the customer's number, E.164
 * @param line            the business line (E.164) that was called or that the quote belongs to
 * @param source          {@code web} or {@code call}
 * @param callOutcome     {@code answered}, {@code voicemail} or {@code missed}
 * @param recordingLink   where the owner can fetch the recording ({@code GET /recordings/<sid>})
 * @param urgency         urgency words heard (tow, stranded, won't start)
 * @param evidence        for each extracted field, the sentence it came from
 */
public record CrmSyncJob(
        String kind,
        String idempotencyKey,
        String occurredAt,
        String phone,
        String line,
        String source,
        String name,
        String email,
        Vehicle vehicle,
        String service,
        Estimate estimate,
        String notes,
        String leadId,
        String callSid,
        String callOutcome,
        Integer durationSeconds,
        String recordingSid,
        String recordingLink,
        String transcriptExcerpt,
        List<String> urgency,
        Map<String, String> evidence) implements Job {

    public static final String QUOTE = "quote";
    public static final String CALL = "call";
    public static final String TRANSCRIPT = "transcript";

    public record Vehicle(String year, String make, String model, String engine) {
    }

    /** @param amount two decimals as text, e.g. "50.00"; null when the service could not be priced */
    public record Estimate(String amount, String currency, String service) {
    }

    @Override
    public void validate() {
        Job.requireText(kind, "kind");
        Job.require(List.of(QUOTE, CALL, TRANSCRIPT).contains(kind), "unknown kind '" + kind + "'");
        Job.requireText(idempotencyKey, "idempotencyKey");
        Job.require(phone != null && phone.matches("\\+[1-9][0-9]{6,14}"), "phone is not E.164");
    }
}
