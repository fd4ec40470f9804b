package dev.switchboard.shared.storage;

import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A call record as the functions read it ({@link CallRecords#find}); attributes no function has written yet
 * are empty (or false).
 *
 * @param to            the number that was called
 * @param line          the business line the call came in on ({@code default} when no LINES entry matched)
 * @param createdAt     ISO-8601, when Switchboard first heard of the call
 * @param dialAnswered  a person took the call (answered, and accepted when screened)
 * @param dialOutcome   {@code answered}, {@code no-answer}, {@code busy}, ... ({@link CallRecords#recordDialOutcome})
 * @param route         {@code forwarded}, {@code after-hours}, {@code no-forward-number}
 */
public record CallRecord(String callSid, Optional<String> from, Optional<String> to, Optional<String> line,
                         Optional<String> createdAt, Optional<String> status, Optional<String> direction,
                         Optional<String> route, Optional<String> dialOutcome, Optional<String> endedAt,
                         Optional<Long> durationSeconds, boolean dialAnswered, boolean screenAccepted,
                         boolean voicemailLeft) {

    /** A call Switchboard has no record of: everything empty. */
    public static CallRecord unknown(String callSid) {
        return new CallRecord(callSid, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), false, false, false);
    }

    static CallRecord of(Map<String, AttributeValue> item) {
        return new CallRecord(Item.string(item, "callSid").orElse(""), Item.string(item, "from"),
                Item.string(item, "to"), Item.string(item, "line"), Item.string(item, "createdAt"),
                Item.string(item, "status"), Item.string(item, "direction"), Item.string(item, "route"),
                Item.string(item, "dialOutcome"), Item.string(item, "endedAt"), Item.number(item, "duration"),
                Item.flag(item, "dialAnswered"), Item.flag(item, "screenAccepted"), Item.flag(item, "voicemailLeft"));
    }
}
