package dev.switchboard.recordings;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.switchboard.shared.http.HttpProblem;
import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.storage.RecordingRecords;
import dev.switchboard.shared.storage.Table;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The listing's opaque page cursor: the index position where a page stopped, as base64url JSON. A cursor
 * that was not produced here (wrong shape, another partition) is a 400, never a query elsewhere.
 */
final class Cursors {

    private static final Set<String> KEYS = Set.of(Table.PK, Table.SK, Table.GSI1_PK, Table.GSI1_SK);

    private Cursors() {
    }

    static String encode(Map<String, AttributeValue> lastKey) {
        Map<String, String> plain = new LinkedHashMap<>();
        lastKey.forEach((k, v) -> plain.put(k, v.s()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(plain).getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, AttributeValue> decode(String cursor) {
        Map<String, String> plain;
        try {
            byte[] json = Base64.getUrlDecoder().decode(cursor.trim());
            plain = Json.MAPPER.readValue(json, new TypeReference<Map<String, String>>() { });
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw HttpProblem.badRequest("Invalid cursor");
        }
        if (plain == null || !plain.keySet().equals(KEYS) || plain.values().stream().anyMatch(v -> v == null || v.isBlank())
                || !RecordingRecords.LISTED.equals(plain.get(Table.GSI1_PK))
                || !plain.get(Table.PK).startsWith("REC#") || !RecordingRecords.SK.equals(plain.get(Table.SK))) {
            throw HttpProblem.badRequest("Invalid cursor");
        }
        Map<String, AttributeValue> key = new HashMap<>();
        plain.forEach((k, v) -> key.put(k, AttributeValue.fromS(v)));
        return key;
    }
}
