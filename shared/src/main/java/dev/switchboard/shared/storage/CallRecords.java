package dev.switchboard.shared.storage;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Call records, {@code pk = CALL#<CallSid>, sk = CALL}: the one class that writes them. Each write is an
 * update of the attributes it concerns that keeps the first {@code createdAt}, so the functions that meet a
 * call (incoming-call, dial-status, screening, call-status, recording-status, the transcriber) write in any
 * order, and a redelivered webhook leaves the record as it was.
 */
public final class CallRecords {

    public static final String SK = "CALL";

    private final Table table;

    public CallRecords(Table table) {
        this.table = table;
    }

    public static String pk(String callSid) {
        return "CALL#" + callSid;
    }

    /** Records an incoming call as Twilio announced it to {@code /twilio/voice}. */
    public void recordIncoming(IncomingCall call, Instant now) {
        table.update(upsert(call.callSid(), now)
                .keep("status", Item.s(call.status().orElse("ringing")))
                .setIfPresent("from", call.from())
                .setIfPresent("to", call.to())
                .setIfPresent("line", call.line())
                .setIfPresent("direction", call.direction())
                .setIfPresent("callerName", call.callerName())
                .setIfPresent("route", call.route()));
    }

    /**
     * A call the inbox placed (click-to-call): Twilio rings the staff member first; the customer is
     * {@code customer}, dialled from {@code line} once the staff member answers. Status callbacks then move it
     * forward as any call (their From/To are the staff leg's).
     */
    public void recordClickToCall(String callSid, String customer, String line, String staff, Instant now) {
        table.update(upsert(callSid, now)
                .keep("status", Item.s("queued"))
                .keep("direction", Item.s("outbound-api"))
                .set("line", line)
                .set("route", "click-to-call")
                .set("customer", customer)
                .set("staff", staff));
    }

    public Optional<CallRecord> find(String callSid) {
        return table.get(pk(callSid), SK).map(CallRecord::of);
    }

    /**
     * Records how the {@code <Dial>} to the owner ended: the raw {@code DialCallStatus}, and the effective
     * {@code dialOutcome} ({@code answered}, or why not: {@code no-answer}, {@code busy}, {@code failed},
     * {@code canceled}, {@code not-accepted} for a screened call nobody accepted, {@code unknown}).
     */
    public void recordDialOutcome(DialOutcome outcome, Instant now) {
        Update update = upsert(outcome.callSid(), now)
                .set("dialCallStatus", outcome.dialCallStatus())
                .set("dialOutcome", outcome.outcome())
                .set("dialAnswered", outcome.answered())
                .set("dialEndedAt", now)
                .setIfPresent("dialCallSid", outcome.dialCallSid());
        outcome.dialCallDurationSeconds().ifPresent(v -> update.set("dialCallDuration", v));
        table.update(update);
    }

    /** The owner pressed 1 on the screening whisper: the parent call was really answered by a person. */
    public void recordScreenAccepted(String parentCallSid, String ownerLegSid, Instant now) {
        table.update(upsert(parentCallSid, now)
                .set("screenAccepted", true)
                .set("screenAcceptedAt", now)
                .set("screenLegSid", ownerLegSid));
    }

    /** The caller finished the voicemail {@code <Record>}; {@code left} when a recording with sound exists. */
    public void recordVoicemail(String callSid, boolean left, Optional<String> recordingSid,
                                Optional<Long> durationSeconds, Instant now) {
        Update update = upsert(callSid, now)
                .set("voicemailLeft", left)
                .set("voicemailEndedAt", now)
                .setIfPresent("voicemailRecordingSid", recordingSid);
        durationSeconds.ifPresent(v -> update.set("voicemailDuration", v));
        table.update(update);
    }

    /**
     * A recording of this call that produced no audio: {@code absent} (too short or silent) or
     * {@code failed}, with Twilio's error code when it gave one.
     */
    public void recordRecordingProblem(String callSid, String recordingSid, String recordingStatus,
                                       Optional<String> errorCode, Instant now) {
        table.update(upsert(callSid, now)
                .set("recordingStatus", recordingStatus)
                .set("recordingProblemSid", recordingSid)
                .setIfPresent("recordingErrorCode", errorCode));
    }

    /** A completed recording of this call with audio; a voicemail recording marks the voicemail as left. */
    public void recordRecordingCompleted(String callSid, String recordingSid, boolean voicemail, Instant now) {
        Update update = upsert(callSid, now)
                .set("recordingStatus", "completed")
                .set("lastRecordingSid", recordingSid);
        if (voicemail) {
            update.set("voicemailLeft", true).set("voicemailRecordingSid", recordingSid);
        }
        table.update(update);
    }

    /**
     * Mirrors a recording's transcript on its call (status, engine, keys, language, excerpt and which
     * recording it is), for listings that show calls. Written by {@link TranscriptRecords}.
     *
     * @param unlessFinished false when a completed or skipped transcript must not be replaced
     * @return false when {@code unlessFinished} and the call already shows a finished transcript
     */
    boolean recordTranscript(String callSid, Map<String, AttributeValue> attributes, Instant now,
                             boolean unlessFinished) {
        Update update = Update.item(pk(callSid), SK).set("transcriptUpdatedAt", now)
                .keep("callSid", Item.s(callSid));
        attributes.forEach(update::set);
        if (unlessFinished) {
            update.onlyIf(TranscriptRecords.notFinished());
        }
        return table.update(update);
    }

    /**
     * Moves the call's status forward, atomically: applied only when it is later than the status recorded
     * (a higher {@code SequenceNumber}; without one, a later {@code Timestamp}), and never replaces a final
     * status (completed, busy, failed, no-answer, canceled) with an earlier one.
     *
     * @return true when applied; false when the callback was late, out of order or a repeat
     */
    public boolean applyStatus(StatusUpdate status, Instant now) {
        Instant at = status.timestamp().orElse(now);
        Update update = upsert(status.callSid(), now)
                .set("status", status.status())
                .set("statusFinal", status.isFinal())
                .set("statusAt", at)
                .setIfPresent("from", status.from())
                .setIfPresent("to", status.to())
                .setIfPresent("direction", status.direction())
                .setIfPresent("parentCallSid", status.parentCallSid());
        status.durationSeconds().ifPresent(v -> update.set("duration", v));
        if (status.isFinal()) {
            update.set("endedAt", at);
        }
        if (status.sequenceNumber().isPresent()) {
            long sequence = status.sequenceNumber().get();
            update.set("statusSequence", sequence)
                    .onlyIf(Condition.absent("statusSequence").or(Condition.lessThan("statusSequence", Item.n(sequence))));
        }
        if (status.timestamp().isPresent()) {
            long millis = status.timestamp().get().toEpochMilli();
            update.set("statusTimestamp", millis);
            if (status.sequenceNumber().isEmpty()) {
                update.onlyIf(Condition.absent("statusTimestamp")
                        .or(Condition.lessThan("statusTimestamp", Item.n(millis))));
            }
        }
        if (!status.isFinal()) {
            update.onlyIf(Condition.absent("statusFinal").or(Condition.equalTo("statusFinal", Item.bool(false))));
        }
        return table.update(update);
    }

    /** Every write names the call and keeps the first {@code createdAt}. */
    private static Update upsert(String callSid, Instant now) {
        return Update.item(pk(callSid), SK)
                .set("callSid", callSid)
                .set("updatedAt", now)
                .keep("createdAt", Item.time(now));
    }

    /**
     * How a {@code <Dial>} ended.
     *
     * @param dialCallStatus Twilio's {@code DialCallStatus} as received ({@code unknown} when missing)
     * @param outcome        the effective outcome, see {@link #recordDialOutcome}
     */
    public record DialOutcome(String callSid, String dialCallStatus, String outcome, boolean answered,
                              Optional<String> dialCallSid, Optional<Long> dialCallDurationSeconds) {
    }

    /**
     * One call status callback.
     *
     * @param sequenceNumber Twilio's {@code SequenceNumber} (the order callbacks were fired in)
     * @param timestamp      Twilio's {@code Timestamp}
     * @param isFinal        completed, busy, failed, no-answer or canceled
     */
    public record StatusUpdate(String callSid, String status, boolean isFinal, Optional<Long> sequenceNumber,
                               Optional<Instant> timestamp, Optional<Long> durationSeconds, Optional<String> from,
                               Optional<String> to, Optional<String> direction, Optional<String> parentCallSid) {
    }

    /**
     * What {@code /twilio/voice} learns about a call.
     *
     * @param route how the call was routed: {@code forwarded}, {@code after-hours}, {@code no-forward-number}
     */
    public record IncomingCall(String callSid, Optional<String> from, Optional<String> to, Optional<String> line,
                               Optional<String> direction, Optional<String> status, Optional<String> callerName,
                               Optional<String> route) {
    }
}
