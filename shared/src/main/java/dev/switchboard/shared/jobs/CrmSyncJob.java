package dev.switchboard.shared.jobs;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.switchboard.shared.phone.E164;
import dev.switchboard.shared.queue.Job;
import dev.switchboard.shared.queue.JobType;
import java.util.List;
import java.util.Map;

/**
 * A job on the CRM queue: the CRM worker turns each into a create or update of the customer's one lead.
 * Three kinds, each its own record, told apart on the wire by {@code kind}:
 * <ul>
 *   <li>{@link Quote} ({@code quote}): a web quote, from the quote function;</li>
 *   <li>{@link Call} ({@code call}): an inbound call that ended, from the call-status function;</li>
 *   <li>{@link Transcript} ({@code transcript}): what was heard in a recorded call, from the transcriber.</li>
 * </ul>
 * The JSON is the same as the single 21-field record this used to be (same field names, absent fields
 * left out), so jobs queued before still read, and a CRM webhook's {@code trigger} looks as it did.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = CrmSyncJob.Quote.class, name = CrmSyncJob.QUOTE),
        @JsonSubTypes.Type(value = CrmSyncJob.Call.class, name = CrmSyncJob.CALL),
        @JsonSubTypes.Type(value = CrmSyncJob.Transcript.class, name = CrmSyncJob.TRANSCRIPT),
        @JsonSubTypes.Type(value = CrmSyncJob.Note.class, name = CrmSyncJob.NOTE)})
public sealed interface CrmSyncJob extends Job
        permits CrmSyncJob.Quote, CrmSyncJob.Call, CrmSyncJob.Transcript, CrmSyncJob.Note {

    String QUOTE = "quote";
    String CALL = "call";
    String TRANSCRIPT = "transcript";
    String NOTE = "note";

    JobType<CrmSyncJob> TYPE = JobType.of(CrmSyncJob.class);

    /** {@code quote}, {@code call}, {@code transcript} or {@code note}. */
    @JsonIgnore
    String kind();

    /**
     * Unique per job source, so the CRM applies a job once however often it is delivered:
     * {@code quote:<leadId>}, {@code call:<CallSid>}, {@code transcript:<CallSid>:<RecordingSid>}.
     */
    @JsonProperty("idempotencyKey")
    String idempotencyKey();

    /** ISO-8601 instant of the quote or call. */
    String occurredAt();

    /** The customer's number, E.164. */
    String phone();

    /** The business line (E.164) that was called or that the quote belongs to; null when unknown. */
    String line();

    /** How a lead that starts with this job came in: {@code web} or {@code call}. */
    @JsonProperty("source")
    default String source() {
        return this instanceof Quote ? "web" : "call";
    }

    record Vehicle(String year, String make, String model, String engine) {
    }

    /** @param amount two decimals as text, e.g. "50.00"; null when the service could not be priced */
    record Estimate(String amount, String currency, String service) {
    }

    @Override
    default void validate() {
        Job.require(E164.isE164(phone()), "phone is not E.164");
    }

    /**
     * A web quote, as the customer typed it (null where they left a field empty).
     *
     * @param leadId the quote's lead ({@code LEAD#<leadId>} in the table)
     */
    record Quote(String leadId, String occurredAt, String phone, String line, String name, String email,
                 Vehicle vehicle, String service, Estimate estimate, String notes) implements CrmSyncJob {

        @Override
        public String kind() {
            return QUOTE;
        }

        @Override
        public String idempotencyKey() {
            return "quote:" + leadId;
        }

        @Override
        public void validate() {
            Job.requireText(leadId, "leadId");
            CrmSyncJob.super.validate();
        }

        @Override
        public Map<String, String> logFields() {
            return Job.fields("leadId", leadId);
        }
    }

    /**
     * An inbound call that ended.
     *
     * @param callOutcome {@code answered}, {@code voicemail} or {@code missed}
     */
    record Call(String callSid, String occurredAt, String phone, String line, String callOutcome,
                Integer durationSeconds) implements CrmSyncJob {

        @Override
        public String kind() {
            return CALL;
        }

        @Override
        public String idempotencyKey() {
            return "call:" + callSid;
        }

        @Override
        public void validate() {
            Job.requireText(callSid, "callSid");
            CrmSyncJob.super.validate();
        }

        @Override
        public Map<String, String> logFields() {
            return Job.fields("callSid", callSid);
        }
    }

    /**
     * What was heard in a recorded call (null where nothing was heard).
     *
     * @param callOutcome       {@code answered} for a conversation, {@code voicemail} for a voicemail
     * @param notes             e.g. the number the caller asked to be called back at
     * @param recordingLink     where the owner can fetch the recording ({@code GET /recordings/<sid>})
     * @param transcriptExcerpt the start of the transcript; null when there is none
     * @param urgency           urgency words heard (tow, stranded, won't start)
     * @param evidence          for each extracted field, the sentence it came from
     */
    record Transcript(String callSid, String recordingSid, String occurredAt, String phone, String line, String name,
                      Vehicle vehicle, String service, Estimate estimate, String notes, String callOutcome,
                      Integer durationSeconds, String recordingLink, String transcriptExcerpt, List<String> urgency,
                      Map<String, String> evidence) implements CrmSyncJob {

        @Override
        public String kind() {
            return TRANSCRIPT;
        }

        @Override
        public String idempotencyKey() {
            return "transcript:" + callSid + ":" + recordingSid;
        }

        @Override
        public void validate() {
            Job.requireText(callSid, "callSid");
            Job.requireText(recordingSid, "recordingSid");
            CrmSyncJob.super.validate();
        }

        @Override
        public Map<String, String> logFields() {
            return Job.fields("callSid", callSid, "recordingSid", recordingSid);
        }
    }

    /**
     * A line for the customer's lead notes: a text Switchboard sent them through {@code /api/notify}
     * (issue 15), or their answer to an appointment text.
     *
     * @param noteId unique per note: the notify id ({@code N-...}) or the answer's MessageSid
     * @param text   the note as it should read, e.g. {@code Text sent (appointment_confirmed): "..."}
     */
    record Note(String noteId, String occurredAt, String phone, String line, String text) implements CrmSyncJob {

        @Override
        public String kind() {
            return NOTE;
        }

        @Override
        public String idempotencyKey() {
            return "note:" + noteId;
        }

        @Override
        public String source() {
            return "text";
        }

        @Override
        public void validate() {
            Job.requireText(noteId, "noteId");
            Job.requireText(text, "text");
            CrmSyncJob.super.validate();
        }

        @Override
        public Map<String, String> logFields() {
            return noteId != null && noteId.startsWith("SM") ? Job.fields("messageSid", noteId) : Job.fields("notifyId", noteId);
        }
    }
}
