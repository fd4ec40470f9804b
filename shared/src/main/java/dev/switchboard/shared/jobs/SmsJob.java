package dev.switchboard.shared.jobs;

import dev.switchboard.shared.phone.E164;
import dev.switchboard.shared.queue.Job;
import dev.switchboard.shared.queue.JobType;
import java.util.Map;

/**
 * A text whose first send failed or may have failed (timeout, 5xx, 429), put on the SMS queue so the
 * sms-sender worker retries it. {@code key} identifies the text: the worker sends it at most once.
 *
 * @param key   from {@link TextKeys}: {@code missed-call:<CallSid>}, {@code quote:<leadId>}, {@code forward:<MessageSid>}
 * @param kind  what the text is for, for logs and the message record
 * @param sentBy the staff member who wrote it (a relayed reply); null for the business's own texts
 */
public record SmsJob(
        String key,
        String kind,
        String to,
        String from,
        String messagingServiceSid,
        String body,
        String statusCallback,
        String requestedAt,
        String sentBy) implements Job {

    /** A text of the business's own; jobs queued before {@code sentBy} existed read the same way. */
    public SmsJob(String key, String kind, String to, String from, String messagingServiceSid, String body,
                  String statusCallback, String requestedAt) {
        this(key, kind, to, from, messagingServiceSid, body, statusCallback, requestedAt, null);
    }

    public static final JobType<SmsJob> TYPE = JobType.of(SmsJob.class);

    @Override
    public void validate() {
        Job.requireText(key, "key");
        Job.requireText(body, "body");
        Job.require(E164.isE164(to), "to is not E.164");
        Job.require((from != null && !from.isBlank()) || (messagingServiceSid != null && !messagingServiceSid.isBlank()),
                "neither from nor messagingServiceSid");
    }

    @Override
    public Map<String, String> logFields() {
        return TextKeys.logFields(key);
    }
}
