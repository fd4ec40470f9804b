package dev.switchboard.shared.storage;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Small helpers for DynamoDB attribute values, so repositories read like the data they store. */
public final class Item {

    private Item() {
    }

    public static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    public static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    public static AttributeValue bool(boolean value) {
        return AttributeValue.fromBool(value);
    }

    /** An ISO-8601 UTC timestamp, which sorts as text. */
    public static AttributeValue time(Instant instant) {
        return AttributeValue.fromS(instant.toString());
    }

    /** A TTL attribute value: epoch seconds. */
    public static AttributeValue expiresAt(Instant instant) {
        return n(instant.getEpochSecond());
    }

    public static Optional<String> string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item == null ? null : item.get(name);
        return value == null || value.s() == null ? Optional.empty() : Optional.of(value.s());
    }

    public static Optional<Long> number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item == null ? null : item.get(name);
        return value == null || value.n() == null ? Optional.empty() : Optional.of(Long.parseLong(value.n()));
    }

    public static boolean flag(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item == null ? null : item.get(name);
        return value != null && Boolean.TRUE.equals(value.bool());
    }
}
