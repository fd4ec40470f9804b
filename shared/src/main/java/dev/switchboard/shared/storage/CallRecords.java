package dev.switchboard.shared.storage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Call records: {@code pk = CALL#<CallSid>, sk = CALL}. Writes are updates that keep the first
 * {@code createdAt}, so a redelivered webhook leaves the record as it was.
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
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        StringBuilder set = new StringBuilder("SET #callSid = :callSid, #updatedAt = :now,"
                + " #createdAt = if_not_exists(#createdAt, :now), #status = if_not_exists(#status, :status)");
        names.put("#callSid", "callSid");
        names.put("#updatedAt", "updatedAt");
        names.put("#createdAt", "createdAt");
        names.put("#status", "status");
        values.put(":callSid", Item.s(call.callSid()));
        values.put(":now", Item.time(now));
        values.put(":status", Item.s(call.status().orElse("ringing")));
        addIfPresent(set, names, values, "from", call.from());
        addIfPresent(set, names, values, "to", call.to());
        addIfPresent(set, names, values, "line", call.line());
        addIfPresent(set, names, values, "direction", call.direction());
        addIfPresent(set, names, values, "callerName", call.callerName());
        addIfPresent(set, names, values, "route", call.route());
        table.client().updateItem(UpdateItemRequest.builder()
                .tableName(table.name())
                .key(Table.key(pk(call.callSid()), SK))
                .updateExpression(set.toString())
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build());
    }

    public Optional<Map<String, AttributeValue>> find(String callSid) {
        return table.get(pk(callSid), SK);
    }

    /**
     * Records how the {@code <Dial>} to the owner ended: the raw {@code DialCallStatus}, and the effective
     * {@code dialOutcome} ({@code answered}, or why not: {@code no-answer}, {@code busy}, {@code failed},
     * {@code canceled}, {@code not-accepted} for a screened call nobody accepted, {@code unknown}).
     */
    public void recordDialOutcome(DialOutcome outcome, Instant now) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        StringBuilder set = new StringBuilder(upsertPrefix(outcome.callSid(), names, values, now));
        add(set, names, values, "dialCallStatus", Item.s(outcome.dialCallStatus()));
        add(set, names, values, "dialOutcome", Item.s(outcome.outcome()));
        add(set, names, values, "dialAnswered", Item.bool(outcome.answered()));
        add(set, names, values, "dialEndedAt", Item.time(now));
        outcome.dialCallSid().ifPresent(v -> add(set, names, values, "dialCallSid", Item.s(v)));
        outcome.dialCallDurationSeconds().ifPresent(v -> add(set, names, values, "dialCallDuration", Item.n(v)));
        update(outcome.callSid(), set, names, values);
    }

    /** The owner pressed 1 on the screening whisper: the parent call was really answered by a person. */
    public void recordScreenAccepted(String parentCallSid, String ownerLegSid, Instant now) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        StringBuilder set = new StringBuilder(upsertPrefix(parentCallSid, names, values, now));
        add(set, names, values, "screenAccepted", Item.bool(true));
        add(set, names, values, "screenAcceptedAt", Item.time(now));
        add(set, names, values, "screenLegSid", Item.s(ownerLegSid));
        update(parentCallSid, set, names, values);
    }

    /** The caller finished the voicemail {@code <Record>}; {@code left} when a recording with sound exists. */
    public void recordVoicemail(String callSid, boolean left, Optional<String> recordingSid,
                                Optional<Long> durationSeconds, Instant now) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        StringBuilder set = new StringBuilder(upsertPrefix(callSid, names, values, now));
        add(set, names, values, "voicemailLeft", Item.bool(left));
        add(set, names, values, "voicemailEndedAt", Item.time(now));
        recordingSid.ifPresent(v -> add(set, names, values, "voicemailRecordingSid", Item.s(v)));
        durationSeconds.ifPresent(v -> add(set, names, values, "voicemailDuration", Item.n(v)));
        update(callSid, set, names, values);
    }

    /**
     * A recording of this call that produced no audio: {@code absent} (too short or silent) or
     * {@code failed}, with Twilio's error code when it gave one.
     */
    public void recordRecordingProblem(String callSid, String recordingSid, String recordingStatus,
                                       Optional<String> errorCode, Instant now) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        StringBuilder set = new StringBuilder(upsertPrefix(callSid, names, values, now));
        add(set, names, values, "recordingStatus", Item.s(recordingStatus));
        add(set, names, values, "recordingProblemSid", Item.s(recordingSid));
        errorCode.ifPresent(v -> add(set, names, values, "recordingErrorCode", Item.s(v)));
        update(callSid, set, names, values);
    }

    /** A completed recording of this call with audio; a voicemail recording marks the voicemail as left. */
    public void recordRecordingCompleted(String callSid, String recordingSid, boolean voicemail, Instant now) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        StringBuilder set = new StringBuilder(upsertPrefix(callSid, names, values, now));
        add(set, names, values, "recordingStatus", Item.s("completed"));
        add(set, names, values, "lastRecordingSid", Item.s(recordingSid));
        if (voicemail) {
            add(set, names, values, "voicemailLeft", Item.bool(true));
            add(set, names, values, "voicemailRecordingSid", Item.s(recordingSid));
        }
        update(callSid, set, names, values);
    }

    /**
     * Moves the call's status forward, atomically: applied only when it is later than the status recorded
     * (a higher {@code SequenceNumber}; without one, a later {@code Timestamp}), and never replaces a final
     * status (completed, busy, failed, no-answer, canceled) with an earlier one.
     *
     * @return true when applied; false when the callback was late, out of order or a repeat
     */
    public boolean applyStatus(StatusUpdate update, Instant now) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        StringBuilder set = new StringBuilder(upsertPrefix(update.callSid(), names, values, now));
        add(set, names, values, "status", Item.s(update.status()));
        add(set, names, values, "statusFinal", Item.bool(update.isFinal()));
        add(set, names, values, "statusAt", Item.time(update.timestamp().orElse(now)));
        update.sequenceNumber().ifPresent(v -> add(set, names, values, "statusSequence", Item.n(v)));
        update.timestamp().ifPresent(v -> add(set, names, values, "statusTimestamp", Item.n(v.toEpochMilli())));
        update.durationSeconds().ifPresent(v -> add(set, names, values, "duration", Item.n(v)));
        update.from().ifPresent(v -> add(set, names, values, "from", Item.s(v)));
        update.to().ifPresent(v -> add(set, names, values, "to", Item.s(v)));
        update.direction().ifPresent(v -> add(set, names, values, "direction", Item.s(v)));
        update.parentCallSid().ifPresent(v -> add(set, names, values, "parentCallSid", Item.s(v)));
        if (update.isFinal()) {
            add(set, names, values, "endedAt", Item.time(update.timestamp().orElse(now)));
        }
        List<String> conditions = new ArrayList<>();
        if (update.sequenceNumber().isPresent()) {
            conditions.add("(attribute_not_exists(#statusSequence) OR #statusSequence < :statusSequence)");
        } else if (update.timestamp().isPresent()) {
            conditions.add("(attribute_not_exists(#statusTimestamp) OR #statusTimestamp < :statusTimestamp)");
        }
        if (!update.isFinal()) {
            names.put("#statusFinal", "statusFinal");
            conditions.add("(attribute_not_exists(#statusFinal) OR #statusFinal = :notFinal)");
            values.put(":notFinal", Item.bool(false));
        }
        try {
            table.client().updateItem(UpdateItemRequest.builder()
                    .tableName(table.name())
                    .key(Table.key(pk(update.callSid()), SK))
                    .updateExpression(set.toString())
                    .conditionExpression(conditions.isEmpty() ? null : String.join(" AND ", conditions))
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static String upsertPrefix(String callSid, Map<String, String> names, Map<String, AttributeValue> values,
                                       Instant now) {
        names.put("#callSid", "callSid");
        names.put("#updatedAt", "updatedAt");
        names.put("#createdAt", "createdAt");
        values.put(":callSid", Item.s(callSid));
        values.put(":now", Item.time(now));
        return "SET #callSid = :callSid, #updatedAt = :now, #createdAt = if_not_exists(#createdAt, :now)";
    }

    private static void add(StringBuilder set, Map<String, String> names, Map<String, AttributeValue> values,
                            String attribute, AttributeValue value) {
        set.append(", #").append(attribute).append(" = :").append(attribute);
        names.put("#" + attribute, attribute);
        values.put(":" + attribute, value);
    }

    private void update(String callSid, StringBuilder set, Map<String, String> names, Map<String, AttributeValue> values) {
        table.client().updateItem(UpdateItemRequest.builder()
                .tableName(table.name())
                .key(Table.key(pk(callSid), SK))
                .updateExpression(set.toString())
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build());
    }

    private static void addIfPresent(StringBuilder set, Map<String, String> names, Map<String, AttributeValue> values,
                                     String attribute, Optional<String> value) {
        if (value.isPresent()) {
            set.append(", #").append(attribute).append(" = :").append(attribute);
            names.put("#" + attribute, attribute);
            values.put(":" + attribute, Item.s(value.get()));
        }
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
