package dev.switchboard.shared.storage;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
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

    private static void addIfPresent(StringBuilder set, Map<String, String> names, Map<String, AttributeValue> values,
                                     String attribute, Optional<String> value) {
        if (value.isPresent()) {
            set.append(", #").append(attribute).append(" = :").append(attribute);
            names.put("#" + attribute, attribute);
            values.put(":" + attribute, Item.s(value.get()));
        }
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
