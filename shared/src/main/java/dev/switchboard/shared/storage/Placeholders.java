package dev.switchboard.shared.storage;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The placeholders of one request's expressions: each attribute name becomes {@code #n0}, {@code #n1}, ...
 * (once per name) and each value {@code :v0}, {@code :v1}, ..., so no expression is written by hand and
 * no attribute name ever clashes with one of DynamoDB's reserved words.
 */
public final class Placeholders {

    private final Map<String, String> names = new LinkedHashMap<>();
    private final Map<String, String> byAttribute = new HashMap<>();
    private final Map<String, AttributeValue> values = new LinkedHashMap<>();

    /** The placeholder of an attribute name, the same one each time it is asked for. */
    public String name(String attribute) {
        return byAttribute.computeIfAbsent(attribute, a -> {
            String placeholder = "#n" + names.size();
            names.put(placeholder, a);
            return placeholder;
        });
    }

    /** A new placeholder holding {@code value}. */
    public String value(AttributeValue value) {
        String placeholder = ":v" + values.size();
        values.put(placeholder, value);
        return placeholder;
    }

    /** For {@code ExpressionAttributeNames}: null when empty, which DynamoDB requires. */
    public Map<String, String> names() {
        return names.isEmpty() ? null : Map.copyOf(names);
    }

    /** For {@code ExpressionAttributeValues}: null when empty, which DynamoDB requires. */
    public Map<String, AttributeValue> values() {
        return values.isEmpty() ? null : Map.copyOf(values);
    }
}
