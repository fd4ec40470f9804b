package dev.switchboard.crm.rukovoditel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.crm.lead.LeadAttribute;
import dev.switchboard.shared.config.ConfigException;
import dev.switchboard.shared.json.Json;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * {@code CRM_FIELD_MAP}: which Rukovoditel field ({@code field_<id>}) each lead attribute is written to,
 * e.g. {@code {"name":201,"phone":202,"notes":208}}. Field ids differ per installation; attributes left
 * out are not sent. {@code phone} is required: it is how a lead whose insert answer was lost is found again.
 */
public final class FieldMap {

    private final Map<LeadAttribute, Integer> ids;

    private FieldMap(Map<LeadAttribute, Integer> ids) {
        this.ids = Collections.unmodifiableMap(ids);
    }

    public static FieldMap of(Map<LeadAttribute, Integer> ids) {
        Map<LeadAttribute, Integer> copy = new EnumMap<>(LeadAttribute.class);
        copy.putAll(ids);
        return new FieldMap(copy);
    }

    public static FieldMap parse(String json) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ConfigException("CRM_FIELD_MAP is not valid JSON: expected an object like"
                    + " {\"name\":201,\"phone\":202}");
        }
        if (root == null || !root.isObject() || root.isEmpty()) {
            throw new ConfigException("CRM_FIELD_MAP must be a JSON object from lead attribute to Rukovoditel field"
                    + " id, like {\"name\":201,\"phone\":202}");
        }
        Map<LeadAttribute, Integer> ids = new EnumMap<>(LeadAttribute.class);
        Iterator<Map.Entry<String, JsonNode>> entries = root.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            LeadAttribute attribute = LeadAttribute.byKey(entry.getKey()).orElseThrow(() -> new ConfigException(
                    "CRM_FIELD_MAP names an unknown attribute '" + entry.getKey() + "'; known: " + LeadAttribute.allKeys()));
            JsonNode id = entry.getValue();
            int fieldId;
            if (id.canConvertToInt() && id.isIntegralNumber()) {
                fieldId = id.intValue();
            } else if (id.isTextual() && id.textValue().trim().matches("(field_)?[0-9]{1,9}")) {
                fieldId = Integer.parseInt(id.textValue().trim().replace("field_", ""));
            } else {
                throw new ConfigException("CRM_FIELD_MAP: '" + entry.getKey() + "' must be a numeric field id, got " + id);
            }
            if (fieldId <= 0) {
                throw new ConfigException("CRM_FIELD_MAP: '" + entry.getKey() + "' must be a positive field id, got " + fieldId);
            }
            ids.put(attribute, fieldId);
        }
        if (!ids.containsKey(LeadAttribute.PHONE)) {
            throw new ConfigException("CRM_FIELD_MAP must map \"phone\" to a field id: the phone number is how a lead"
                    + " whose insert answer was lost is found again instead of inserted twice");
        }
        return new FieldMap(ids);
    }

    public Optional<Integer> fieldId(LeadAttribute attribute) {
        return Optional.ofNullable(ids.get(attribute));
    }

    public int phoneFieldId() {
        return ids.get(LeadAttribute.PHONE);
    }

    /** In {@link LeadAttribute} order, so request bodies are stable. */
    public Map<LeadAttribute, Integer> ids() {
        return ids;
    }
}
