package dev.switchboard.quote;

import dev.switchboard.shared.storage.Item;
import dev.switchboard.shared.storage.Table;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Rate counters as table items {@code pk = RATE#<scope>#<key>, sk = <window start>} with attribute
 * {@code count}: one conditional {@code ADD} per request, expiring through the table's TTL.
 */
public final class DynamoRateCounters implements RateCounters {

    private final Table table;

    public DynamoRateCounters(Table table) {
        this.table = table;
    }

    @Override
    public boolean incrementBelow(String pk, String sk, int limit, Instant expiresAt) {
        try {
            table.client().updateItem(UpdateItemRequest.builder()
                    .tableName(table.name())
                    .key(Table.key(pk, sk))
                    .updateExpression("ADD #count :one SET #exp = :exp")
                    .conditionExpression("attribute_not_exists(#count) OR #count < :limit")
                    .expressionAttributeNames(Map.of("#count", "count", "#exp", Table.TTL))
                    .expressionAttributeValues(Map.of(":one", Item.n(1), ":limit", Item.n(limit),
                            ":exp", Item.expiresAt(expiresAt)))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }
}
