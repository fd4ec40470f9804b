package dev.switchboard.shared.storage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * One UpdateItem, written attribute by attribute: what to set, keep, add or remove, and the condition it
 * is applied under. Every write in Switchboard is an update of the attributes it owns, so several
 * functions can write one item in any order without erasing each other's attributes. Run it with
 * {@link Table#update}.
 *
 * <pre>{@code
 * Update.item(CallRecords.pk(callSid), CallRecords.SK)
 *         .set("status", "completed")
 *         .keep("createdAt", Item.time(now))
 *         .onlyIf(Condition.absent("statusFinal"));
 * }</pre>
 */
public final class Update {

    private final Map<String, AttributeValue> key;
    private final Placeholders placeholders = new Placeholders();
    private final List<String> set = new ArrayList<>();
    private final List<String> add = new ArrayList<>();
    private final List<String> remove = new ArrayList<>();
    private Condition condition;
    private String renderedCondition;

    private Update(Map<String, AttributeValue> key) {
        this.key = key;
    }

    /** An update of the item {@code (pk, sk)}, created by it when absent. */
    public static Update item(String pk, String sk) {
        return new Update(Table.key(pk, sk));
    }

    public Map<String, AttributeValue> key() {
        return key;
    }

    public Update set(String attribute, AttributeValue value) {
        set.add(placeholders.name(attribute) + " = " + placeholders.value(value));
        return this;
    }

    public Update set(String attribute, String value) {
        return set(attribute, Item.s(value));
    }

    public Update set(String attribute, long value) {
        return set(attribute, Item.n(value));
    }

    public Update set(String attribute, boolean value) {
        return set(attribute, Item.bool(value));
    }

    /** An ISO-8601 timestamp ({@link Item#time}). */
    public Update set(String attribute, Instant value) {
        return set(attribute, Item.time(value));
    }

    /** Sets a text attribute when the value is present; leaves it alone otherwise. */
    public Update setIfPresent(String attribute, Optional<String> value) {
        value.ifPresent(v -> set(attribute, v));
        return this;
    }

    /** Sets the attribute only if the item does not have it yet: the first writer's value is kept. */
    public Update keep(String attribute, AttributeValue value) {
        String name = placeholders.name(attribute);
        set.add(name + " = if_not_exists(" + name + ", " + placeholders.value(value) + ")");
        return this;
    }

    /** Adds {@code amount} to a number attribute (starting from 0). */
    public Update add(String attribute, long amount) {
        add.add(placeholders.name(attribute) + " " + placeholders.value(Item.n(amount)));
        return this;
    }

    public Update remove(String attribute) {
        remove.add(placeholders.name(attribute));
        return this;
    }

    /** The item's TTL ({@link Table#TTL}): DynamoDB deletes it some time after {@code instant}. */
    public Update expiresAt(Instant instant) {
        return set(Table.TTL, Item.expiresAt(instant));
    }

    /** Applies the update only when {@code condition} holds; several conditions must all hold. */
    public Update onlyIf(Condition condition) {
        if (renderedCondition != null) {
            throw new IllegalStateException("the request of this update was already built");
        }
        this.condition = this.condition == null ? condition : this.condition.and(condition);
        return this;
    }

    /** Whether a condition was given (a failed one makes {@link Table#update} return false). */
    public boolean conditional() {
        return condition != null;
    }

    /** The request, for options this class does not cover (such as the values to return). */
    public UpdateItemRequest.Builder request(String tableName) {
        if (condition != null && renderedCondition == null) {
            renderedCondition = condition.render(placeholders);
        }
        List<String> clauses = new ArrayList<>();
        if (!set.isEmpty()) {
            clauses.add("SET " + String.join(", ", set));
        }
        if (!add.isEmpty()) {
            clauses.add("ADD " + String.join(", ", add));
        }
        if (!remove.isEmpty()) {
            clauses.add("REMOVE " + String.join(", ", remove));
        }
        if (clauses.isEmpty()) {
            throw new IllegalStateException("an update of " + key + " that changes nothing");
        }
        return UpdateItemRequest.builder()
                .tableName(tableName)
                .key(key)
                .updateExpression(String.join(" ", clauses))
                .conditionExpression(renderedCondition)
                .expressionAttributeNames(placeholders.names())
                .expressionAttributeValues(placeholders.values());
    }
}
