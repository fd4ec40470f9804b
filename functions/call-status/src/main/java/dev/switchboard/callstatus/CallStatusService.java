package dev.switchboard.callstatus;

import dev.switchboard.shared.calls.MissedCallTextPolicy.Occasion;
import dev.switchboard.shared.calls.MissedCallTexts;
import dev.switchboard.shared.config.Lines;
import dev.switchboard.shared.activity.ActivityEvent;
import dev.switchboard.shared.jobs.AlertJob;
import dev.switchboard.shared.jobs.CrmSyncJob;
import dev.switchboard.shared.logging.PhoneMask;
import dev.switchboard.shared.phone.PhoneNumbers;
import dev.switchboard.shared.queue.JobSender;
import dev.switchboard.shared.storage.CallRecord;
import dev.switchboard.shared.storage.CallRecords.StatusUpdate;
import dev.switchboard.shared.storage.OnceOnly.WhenUnavailable;
import dev.switchboard.shared.storage.OnceOnly;
import java.time.Clock;
import java.util.function.Predicate;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a call status callback does: moves the call record forward (late and out-of-order callbacks never
 * move it back), and when the caller's own leg of an inbound call reaches a final status, what happens
 * when a call ends:
 * <ul>
 *   <li>on lines with {@code textAfterVoicemail}, the missed-call text if nothing sent it before (the caller
 *       hung up before the voicemail ended);</li>
 *   <li>ONE {@link CrmSyncJob.Call} ({@code call:<CallSid>}) on the CRM queue, for a caller with a real
 *       number that is not the business's own; a redelivered final callback queues nothing more, and a
 *       queue failure leaves the guard free so that Twilio's redelivery queues it.</li>
 * </ul>
 */
public final class CallStatusService {

    static final String CRM_SCOPE = "crm-call";
    static final Duration CRM_ONCE_TTL = Duration.ofDays(30);
    private static final Logger LOG = LoggerFactory.getLogger(CallStatusService.class);

    /** What became of a status callback. */
    public enum Result {
        /** The record moved forward. */
        RECORDED,
        /** Late, out of order or a repeat: the record keeps its later status. */
        STALE,
        /** The record could not be written: Twilio should hear about it (503). */
        NOT_RECORDED
    }

    private final CallStatusStore calls;
    private final Lines lines;
    private final OnceOnly once;
    private final JobSender<CrmSyncJob> crmQueue;
    private final Predicate<String> isStaff;
    private final JobSender<AlertJob> alerts;
    private final MissedCallTexts texts;
    private final Clock clock;

    public CallStatusService(CallStatusStore calls, Lines lines, OnceOnly once, JobSender<CrmSyncJob> crmQueue,
                             MissedCallTexts texts, Clock clock) {
        this(calls, lines, once, crmQueue, texts, clock, number -> false, job -> {
        });
    }

    /**
     * @param isStaff staff numbers ({@code STAFF}): their calls are no lead, no text, no alert
     * @param alerts  the alert queue (a missed call without a voicemail, when the line alerts those)
     */
    public CallStatusService(CallStatusStore calls, Lines lines, OnceOnly once, JobSender<CrmSyncJob> crmQueue,
                             MissedCallTexts texts, Clock clock, Predicate<String> isStaff, JobSender<AlertJob> alerts) {
        this.isStaff = isStaff;
        this.alerts = alerts;
        this.calls = calls;
        this.lines = lines;
        this.once = once;
        this.crmQueue = crmQueue;
        this.texts = texts;
        this.clock = clock;
    }

    public Result statusChanged(StatusUpdate update) {
        Instant now = clock.instant();
        if (!StatusCallback.KNOWN.contains(update.status())) {
            LOG.warn("Call {}: undocumented CallStatus '{}', recorded as a non-final status", update.callSid(),
                    update.status());
        }
        boolean applied;
        try {
            applied = calls.applyStatus(update, now);
        } catch (RuntimeException e) {
            LOG.error("Call {}: status {} (sequence {}) could not be recorded: {}", update.callSid(), update.status(),
                    update.sequenceNumber().map(String::valueOf).orElse("-"), e.getMessage());
            return Result.NOT_RECORDED;
        }
        LOG.info("Call {} status {} (sequence {}, {} s){}", update.callSid(), update.status(),
                update.sequenceNumber().map(String::valueOf).orElse("-"),
                update.durationSeconds().map(String::valueOf).orElse("-"),
                applied ? "" : ": late, out of order or a repeat; record unchanged");
        if (update.isFinal() && StatusCallback.isInboundParent(update)) {
            callEnded(update, now);
        }
        return applied ? Result.RECORDED : Result.STALE;
    }

    /** Files the ended call (a customer's) in the caller's timeline and the owner's feed. */
    private void fileActivity(String callSid, CallRecord call, String caller, String called, CallOutcome outcome,
                              StatusUpdate update, Instant now) {
        if (!PhoneNumbers.isValidE164(caller) || lines.isBusinessNumber(caller)) {
            return;
        }
        ActivityEvent.Category category = switch (outcome) {
            case ANSWERED -> ActivityEvent.Category.CALL;
            case VOICEMAIL -> ActivityEvent.Category.VOICEMAIL;
            case MISSED -> ActivityEvent.Category.MISSED;
        };
        Instant at = call.createdAt().map(Instant::parse).orElse(update.timestamp().orElse(now));
        try {
            calls.recordActivity(ActivityEvent.inbound("CALL#" + callSid, "CALL", caller,
                    called.isEmpty() ? "unknown" : called, at, category, outcome != CallOutcome.ANSWERED));
        } catch (RuntimeException e) {
            LOG.warn("Call {} not filed in the activity index: {}", callSid, e.getMessage());
        }
    }

    private void callEnded(StatusUpdate update, Instant now) {
        String callSid = update.callSid();
        CallRecord call;
        try {
            call = calls.find(callSid).orElse(CallRecord.unknown(callSid));
        } catch (RuntimeException e) {
            LOG.error("Call {} ended but its record could not be read ({}); no CRM job, no fallback text", callSid,
                    e.getMessage());
            return;
        }
        String caller = call.from().or(update::from).orElse("");
        String called = call.to().or(update::to).orElse("");
        CallOutcome outcome = CallOutcome.of(call.dialAnswered(), call.voicemailLeft());
        if (isStaff.test(caller)) {
            LOG.info("Call {} ended ({}): the caller {} is staff; no text, no CRM job, no alert", callSid,
                    outcome.label(), PhoneMask.mask(caller));
            return;
        }
        boolean withheld = !PhoneNumbers.isValidE164(caller);
        if (outcome == CallOutcome.MISSED && (withheld || !lines.isBusinessNumber(caller))) {
            // A withheld caller ID (anonymous, a placeholder number, empty) is alerted without a number or tag.
            try {
                alerts.send(new AlertJob.MissedCall(callSid, withheld ? null : caller, called.isEmpty() ? null : called,
                        call.createdAt().orElse(update.timestamp().orElse(now).toString())));
            } catch (RuntimeException e) {
                LOG.error("Call {} was missed but its alert could not be queued: {}", callSid, e.getMessage());
            }
        }
        fileActivity(callSid, call, caller, called, outcome, update, now);
        if (outcome != CallOutcome.ANSWERED) {
            texts.onOccasion(lines.forNumber(called), callSid, caller,
                    outcome == CallOutcome.VOICEMAIL ? Occasion.VOICEMAIL_LEFT : Occasion.CALL_ENDED_UNANSWERED, now);
        }
        if (!PhoneNumbers.isValidE164(caller) || lines.isBusinessNumber(caller)) {
            LOG.info("Call {} ended ({}): no CRM job, caller {} is not a customer number", callSid, outcome.label(),
                    PhoneMask.mask(caller));
            return;
        }
        CrmSyncJob.Call job = new CrmSyncJob.Call(callSid,
                call.createdAt().orElse(update.timestamp().orElse(now).toString()), caller,
                called.isEmpty() ? null : called, outcome.label(),
                update.durationSeconds().map(Long::intValue).orElse(null));
        try {
            OnceOnly.Outcome queued = once.once(CRM_SCOPE, callSid, CRM_ONCE_TTL, WhenUnavailable.SKIP,
                    () -> crmQueue.send(job));
            switch (queued) {
                case ALREADY_DONE -> LOG.info("Call {} ended: CRM job already queued", callSid);
                case SKIPPED -> LOG.error("Call {} ended but the CRM job could not be guarded; not queued", callSid);
                default -> LOG.info("Call {} from {} ended ({}): CRM job queued", callSid, PhoneMask.mask(caller),
                        outcome.label());
            }
        } catch (RuntimeException e) {
            LOG.error("Call {} ended but its CRM job could not be queued ({}); a redelivered callback will try again",
                    callSid, e.getMessage());
        }
    }
}
