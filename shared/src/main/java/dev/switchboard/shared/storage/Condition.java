package dev.switchboard.shared.storage;

import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A DynamoDB condition (a condition, key-condition or filter expression), written in terms of attribute
 * names and values; {@link Placeholders} turns it into the expression and its maps.
 *
 * <pre>{@code
 * Condition.absent("statusSequence").or(Condition.lessThan("statusSequence", Item.n(7)))
 * }</pre>
 */
@FunctionalInterface
public interface Condition {

    /** The expression text, with every name and value replaced by a placeholder from {@code placeholders}. */
    String render(Placeholders placeholders);

    default Condition and(Condition other) {
        return p -> "(" + render(p) + " AND " + other.render(p) + ")";
    }

    default Condition or(Condition other) {
        return p -> "(" + render(p) + " OR " + other.render(p) + ")";
    }

    static Condition not(Condition condition) {
        return p -> "(NOT " + condition.render(p) + ")";
    }

    static Condition exists(String attribute) {
        return p -> "attribute_exists(" + p.name(attribute) + ")";
    }

    static Condition absent(String attribute) {
        return p -> "attribute_not_exists(" + p.name(attribute) + ")";
    }

    static Condition equalTo(String attribute, AttributeValue value) {
        return compare(attribute, "=", value);
    }

    static Condition lessThan(String attribute, AttributeValue value) {
        return compare(attribute, "<", value);
    }

    static Condition atMost(String attribute, AttributeValue value) {
        return compare(attribute, "<=", value);
    }

    static Condition between(String attribute, AttributeValue low, AttributeValue high) {
        return p -> p.name(attribute) + " BETWEEN " + p.value(low) + " AND " + p.value(high);
    }

    static Condition in(String attribute, AttributeValue... values) {
        return p -> p.name(attribute) + " IN (" + Arrays.stream(values).map(p::value).collect(Collectors.joining(", "))
                + ")";
    }

    /**
     * No live item under the key: none at all, or one whose TTL has passed (DynamoDB deletes expired items
     * lazily, so an expired one may still be there).
     */
    static Condition noLiveItem(Instant now) {
        return absent(Table.PK).or(lessThan(Table.TTL, Item.n(now.getEpochSecond())));
    }

    private static Condition compare(String attribute, String operator, AttributeValue value) {
        return p -> p.name(attribute) + " " + operator + " " + p.value(value);
    }
}
