package dev.switchboard.emulators;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An {@code AWS::DynamoDB::Table}: keys, attribute types, indexes and the TTL attribute. */
public record TableDefinition(String logicalId, Optional<Object> tableName, List<KeyElement> keySchema,
        Map<String, String> attributeTypes, List<SecondaryIndex> globalSecondaryIndexes,
        List<SecondaryIndex> localSecondaryIndexes, Optional<String> ttlAttribute, String billingMode,
        Optional<String> streamViewType, Optional<String> condition, Map<String, Object> properties) {

    /** {@code KeyType} is {@code HASH} or {@code RANGE}. */
    public record KeyElement(String attributeName, String keyType) {
    }

    public record SecondaryIndex(String indexName, List<KeyElement> keySchema, String projectionType,
            List<String> nonKeyAttributes) {
    }
}
