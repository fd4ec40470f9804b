package dev.switchboard.shared.jobs;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.switchboard.shared.phone.E164;
import dev.switchboard.shared.queue.Job;
import dev.switchboard.shared.queue.JobType;
import java.util.Map;

/**
 * A job on the alert queue: the owner-alerts worker tells the line's staff ({@code alertTo}, by text, and
 * {@code alertEmail}, by e-mail) about one event, exactly once per event and recipient whatever is
 * redelivered. Kinds, told apart on the wire by {@code kind}:
 * <ul>
 *   <li>{@link Voicemail} ({@code voicemail}): a voicemail, from the transcriber (transcript ready, or none
 *       coming) and from the archiver ({@code trigger = deadline}, delayed, so the alert is never late);</li>
 *   <li>{@link Quote} ({@code quote}): a web quote, from the quote function;</li>
 *   <li>{@link Text} ({@code text}): a customer's text, from sms-incoming (replaces the old owner forward);</li>
 *   <li>{@link MissedCall} ({@code missed-call}): a call nobody answered and no voicemail, from call-status;</li>
 *   <li>{@link Appointment} ({@code appointment}): a customer's answer (confirmed or reschedule) to an
 *       appointment text, from sms-incoming;</li>
 *   <li>{@link Email} ({@code email}): one e-mail whose first send failed, retried by the same worker.</li>
 * </ul>
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = AlertJob.Voicemail.class, name = AlertJob.VOICEMAIL),
        @JsonSubTypes.Type(value = AlertJob.Quote.class, name = AlertJob.QUOTE),
        @JsonSubTypes.Type(value = AlertJob.Text.class, name = AlertJob.TEXT),
        @JsonSubTypes.Type(value = AlertJob.MissedCall.class, name = AlertJob.MISSED_CALL),
        @JsonSubTypes.Type(value = AlertJob.Appointment.class, name = AlertJob.APPOINTMENT),
        @JsonSubTypes.Type(value = AlertJob.Email.class, name = AlertJob.EMAIL)})
public sealed interface AlertJob extends Job
        permits AlertJob.AboutCustomer, AlertJob.Email {

    String VOICEMAIL = "voicemail";
    String QUOTE = "quote";
    String TEXT = "text";
    String MISSED_CALL = "missed-call";
    String APPOINTMENT = "appointment";
    String EMAIL = "email";

    JobType<AlertJob> TYPE = JobType.of(AlertJob.class);

    @JsonIgnore
    String kind();

    /**
     * What the alert is about, the same for every delivery and every trigger of one event:
     * {@code voicemail:<RecordingSid>}, {@code quote:<leadId>}, {@code text:<MessageSid>},
     * {@code missed-call:<CallSid>}, {@code appointment:<appointmentId>:<MessageSid>}. With the recipient it keys the text and the e-mail (each sent once).
     */
    @JsonIgnore
    String eventKey();

    /** An alert about a customer: the customer's number and the business line it concerns. */
    sealed interface AboutCustomer extends AlertJob permits Voicemail, Quote, Text, MissedCall, Appointment {

        /**
         * The customer's number, E.164; null on a {@link Voicemail} or {@link MissedCall} whose caller withheld
         * their number (Twilio's {@code From} "anonymous", "Restricted", a placeholder such as {@code +266696687},
         * empty...): staff are alerted without a reply tag, since nobody can be answered.
         */
        String customer();

        /** Whether the caller's number is unknown (withheld): no tag, no reply, no profile. */
        @JsonIgnore
        default boolean withheld() {
            return customer() == null;
        }

        /** Whether this kind may be about a withheld caller (a call); texts and quotes always have a number. */
        @JsonIgnore
        default boolean mayBeWithheld() {
            return false;
        }

        /** The business line (E.164); null uses the fallback line. */
        String line();

        /** ISO-8601 instant of the event. */
        String occurredAt();

        @Override
        default void validate() {
            Job.require(customer() == null ? mayBeWithheld() : E164.isE164(customer()), "customer is not E.164");
            Job.require(line() == null || E164.isE164(line()), "line is not E.164");
        }
    }

    /** Why a voicemail alert job was queued. */
    enum Trigger {
        /** The transcript is stored: the alert carries its start and what was extracted. */
        transcript,
        /** Transcription is off or skipped the recording: the alert says what is known. */
        untranscribed,
        /** Transcription failed: the alert says what is known. */
        failed,
        /** The deadline after archiving passed: sent with "transcript to follow" unless already sent. */
        deadline
    }

    /**
     * A voicemail ({@code customer} null when the caller's number was withheld and none was heard).
     *
     * @param trigger           why it was queued
     * @param name              the caller's name when heard or known; null otherwise
     * @param vehicle           e.g. "2018 Toyota Camry"; null when none was heard
     * @param service           the job heard, e.g. "brake pads"; null when none
     * @param transcriptExcerpt the start of the transcript; null when there is none (yet)
     * @param transcript        the whole transcript (bounded), for the e-mail; null when there is none
     */
    record Voicemail(String callSid, String recordingSid, String customer, String line, String occurredAt,
                     Integer durationSeconds, Trigger trigger, String name, String vehicle, String service,
                     String transcriptExcerpt, String transcript) implements AboutCustomer {

        @Override
        public String kind() {
            return VOICEMAIL;
        }

        @Override
        public String eventKey() {
            return "voicemail:" + recordingSid;
        }

        @Override
        public boolean mayBeWithheld() {
            return true;
        }

        @Override
        public void validate() {
            Job.requireText(recordingSid, "recordingSid");
            Job.require(trigger != null, "trigger is missing");
            AboutCustomer.super.validate();
        }

        @Override
        public Map<String, String> logFields() {
            return Job.fields("callSid", callSid, "recordingSid", recordingSid);
        }
    }

    /**
     * A web quote.
     *
     * @param estimate the amount as text ("120.00"); null when the service could not be priced
     */
    record Quote(String leadId, String customer, String line, String occurredAt, String name, String vehicle,
                 String service, String estimate, String currency) implements AboutCustomer {

        @Override
        public String kind() {
            return QUOTE;
        }

        @Override
        public String eventKey() {
            return "quote:" + leadId;
        }

        @Override
        public void validate() {
            Job.requireText(leadId, "leadId");
            AboutCustomer.super.validate();
        }

        @Override
        public Map<String, String> logFields() {
            return Job.fields("leadId", leadId);
        }
    }

    /** A customer's text to a line. */
    record Text(String messageSid, String customer, String line, String occurredAt, String body, Integer mediaCount)
            implements AboutCustomer {

        @Override
        public String kind() {
            return TEXT;
        }

        @Override
        public String eventKey() {
            return "text:" + messageSid;
        }

        @Override
        public void validate() {
            Job.requireText(messageSid, "messageSid");
            AboutCustomer.super.validate();
        }

        @Override
        public Map<String, String> logFields() {
            return Job.fields("messageSid", messageSid);
        }
    }

    /** A call nobody answered that left no voicemail ({@code customer} null when the number was withheld). */
    record MissedCall(String callSid, String customer, String line, String occurredAt) implements AboutCustomer {

        @Override
        public String kind() {
            return MISSED_CALL;
        }

        @Override
        public String eventKey() {
            return "missed-call:" + callSid;
        }

        @Override
        public boolean mayBeWithheld() {
            return true;
        }

        @Override
        public void validate() {
            Job.requireText(callSid, "callSid");
            AboutCustomer.super.validate();
        }

        @Override
        public Map<String, String> logFields() {
            return Job.fields("callSid", callSid);
        }
    }

    /** What a customer answered to an appointment text. */
    enum Reply {
        /** {@code C}, {@code YES}, {@code Y}: the customer confirmed. */
        confirmed,
        /** {@code R}, {@code RESCHEDULE}: the customer wants another time (staff call them). */
        reschedule
    }

    /**
     * A customer's answer to an appointment confirmation or reminder.
     *
     * @param messageSid    the customer's answering text
     * @param appointmentAt ISO-8601 instant of the appointment; null when not known
     */
    record Appointment(String appointmentId, String customer, String line, String occurredAt, Reply reply,
                       String messageSid, String appointmentAt) implements AboutCustomer {

        @Override
        public String kind() {
            return APPOINTMENT;
        }

        @Override
        public String eventKey() {
            return "appointment:" + appointmentId + ":" + messageSid;
        }

        @Override
        public void validate() {
            Job.requireText(appointmentId, "appointmentId");
            Job.requireText(messageSid, "messageSid");
            Job.require(reply != null, "reply is missing");
            AboutCustomer.super.validate();
        }

        @Override
        public Map<String, String> logFields() {
            return Job.fields("appointmentId", appointmentId, "messageSid", messageSid);
        }
    }

    /**
     * One alert e-mail to send again (its first send failed); sent once per {@code key}.
     *
     * @param key the event key and address it was composed for
     */
    record Email(String key, String to, String subject, String text, String html) implements AlertJob {

        @Override
        public String kind() {
            return EMAIL;
        }

        @Override
        public String eventKey() {
            return key;
        }

        @Override
        public void validate() {
            Job.requireText(key, "key");
            Job.requireText(to, "to");
            Job.require(to.contains("@"), "to is not an e-mail address");
            Job.requireText(subject, "subject");
            Job.requireText(text, "text");
        }
    }
}
