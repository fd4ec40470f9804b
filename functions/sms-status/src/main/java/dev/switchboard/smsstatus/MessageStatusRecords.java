package dev.switchboard.smsstatus;

import dev.switchboard.shared.sms.MessageStatuses;
import dev.switchboard.shared.sms.TextLedger;
import dev.switchboard.shared.storage.Item;
import dev.switchboard.shared.storage.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * The message record {@code pk = MSG#<MessageSid>, sk = MSG} moved forward by status callbacks: one
 * conditional update that applies only when the new status outranks the stored one
 * ({@link MessageStatuses}), so callbacks arriving late or twice change nothing. A callback for a message
 * Switchboard has no record of (sent from the console, or its record expired) creates one.
 */
final class MessageStatusRecords {

    private static final Duration KEEP = Duration.ofDays(90);

    /** What a callback did to the record. */
    enum Outcome {
        /** Created the record: Switchboard had none for this MessageSid. */
        CREATED,
        /** Moved the record forward. */
        UPDATED,
        /** The record already had this status or a later one: left as it was. */
        STALE
    }

    private final Table table;

    MessageStatusRecords(Table table) {
        this.table = table;
    }

    Outcome record(DeliveryReport report, Instant now) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        StringBuilder set = new StringBuilder("SET #status = :status, #rank = :rank, #updatedAt = :now,"
                + " #statusAt = :now, #createdAt = if_not_exists(#createdAt, :now),"
                + " #direction = if_not_exists(#direction, :outbound), #exp = if_not_exists(#exp, :exp)");
        names.put("#status", "status");
        names.put("#rank", "statusRank");
        names.put("#updatedAt", "updatedAt");
        names.put("#statusAt", "statusAt");
        names.put("#createdAt", "createdAt");
        names.put("#direction", "direction");
        names.put("#exp", Table.TTL);
        values.put(":status", Item.s(report.status()));
        values.put(":rank", Item.n(MessageStatuses.rank(report.status())));
        values.put(":now", Item.time(now));
        values.put(":outbound", Item.s("outbound"));
        values.put(":exp", Item.expiresAt(now.plus(KEEP)));
        if (report.errorCode().isPresent()) {
            set.append(", #errorCode = :errorCode");
            names.put("#errorCode", "errorCode");
            values.put(":errorCode", Item.n(report.errorCode().get()));
            DeliveryErrors.describe(report.errorCode().get()).ifPresent(text -> {
                set.append(", #errorDescription = :errorDescription");
                names.put("#errorDescription", "errorDescription");
                values.put(":errorDescription", Item.s(text));
            });
        } else if (report.rawErrorCode().isPresent()) {
            set.append(", #errorCode = :errorCode");
            names.put("#errorCode", "errorCode");
            values.put(":errorCode", Item.s(report.rawErrorCode().get()));
        }
        report.to().ifPresent(to -> {
            set.append(", #to = if_not_exists(#to, :to)");
            names.put("#to", "to");
            values.put(":to", Item.s(to));
        });
        report.from().ifPresent(from -> {
            set.append(", #from = if_not_exists(#from, :from)");
            names.put("#from", "from");
            values.put(":from", Item.s(from));
        });
        try {
            UpdateItemResponse response = table.client().updateItem(UpdateItemRequest.builder()
                    .tableName(table.name())
                    .key(Table.key(TextLedger.messagePk(report.messageSid()), "MSG"))
                    .updateExpression(set.toString())
                    .conditionExpression("attribute_not_exists(#rank) OR #rank < :rank")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_OLD)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.NONE)
                    .build());
            boolean existed = response.attributes() != null && !response.attributes().isEmpty();
            return existed ? Outcome.UPDATED : Outcome.CREATED;
        } catch (ConditionalCheckFailedException e) {
            return Outcome.STALE;
        }
    }
}
