package dev.switchboard.shared.storage;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * The single Switchboard table ({@code TABLE_NAME}): partition key {@code pk}, sort key {@code sk}, one
 * index {@code gsi1} ({@code gsi1pk}, {@code gsi1sk}), TTL attribute {@code expiresAt}. Item shapes and
 * keys are listed in docs/architecture.md; each item type has one class that writes it (its owner).
 */
public final class Table {

    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String GSI1 = "gsi1";
    public static final String GSI1_PK = "gsi1pk";
    public static final String GSI1_SK = "gsi1sk";
    public static final String TTL = "expiresAt";

    private final DynamoDbClient client;
    private final String name;

    public Table(DynamoDbClient client, String name) {
        this.client = client;
        this.name = name;
    }

    public DynamoDbClient client() {
        return client;
    }

    public String name() {
        return name;
    }

    public static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, AttributeValue.fromS(pk), SK, AttributeValue.fromS(sk));
    }

    /** The item, read consistently. */
    public Optional<Map<String, AttributeValue>> get(String pk, String sk) {
        Map<String, AttributeValue> item = client.getItem(GetItemRequest.builder()
                .tableName(name).key(key(pk, sk)).consistentRead(true).build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    /**
     * Runs an update.
     *
     * @return false when its condition did not hold (nothing was written); true otherwise
     */
    public boolean update(Update update) {
        try {
            client.updateItem(update.request(name).build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** Writes a whole item (its key among the attributes), replacing any item with that key. */
    public void put(Map<String, AttributeValue> item) {
        client.putItem(PutItemRequest.builder().tableName(name).item(item).build());
    }

    /**
     * Writes a whole item only when {@code condition} holds for the item stored under its key.
     *
     * @return false when it did not hold (nothing was written)
     */
    public boolean putIf(Map<String, AttributeValue> item, Condition condition) {
        try {
            client.putItem(conditionalPut(item, condition).build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * Writes {@code attributes} under a new key, only if no live item has that key yet (an item whose TTL
     * has passed counts as gone: DynamoDB deletes expired items lazily).
     *
     * @return empty when written; the existing item when the key was already taken
     */
    public Optional<Map<String, AttributeValue>> putIfAbsent(String pk, String sk, Map<String, AttributeValue> attributes,
                                                              Duration ttl, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(attributes);
        item.putAll(key(pk, sk));
        if (ttl != null) {
            item.put(TTL, Item.expiresAt(now.plus(ttl)));
        }
        try {
            client.putItem(conditionalPut(item, Condition.noLiveItem(now))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build());
            return Optional.empty();
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> existing = e.item();
            return Optional.of(existing == null ? Map.of() : existing);
        }
    }

    private PutItemRequest.Builder conditionalPut(Map<String, AttributeValue> item, Condition condition) {
        Placeholders placeholders = new Placeholders();
        return PutItemRequest.builder()
                .tableName(name)
                .item(item)
                .conditionExpression(condition.render(placeholders))
                .expressionAttributeNames(placeholders.names())
                .expressionAttributeValues(placeholders.values());
    }

    public void delete(String pk, String sk) {
        client.deleteItem(b -> b.tableName(name).key(key(pk, sk)));
    }
}
