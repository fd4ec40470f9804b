package dev.switchboard.crm.rukovoditel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.crm.lead.LeadAttribute;
import dev.switchboard.crm.lead.LeadPush;
import java.math.BigInteger;
import java.util.Optional;

/**
 * Recognises, among the records a {@code select} by phone returned, the one this lead's own insert
 * created: same phone number (digits compared, so formatting does not matter), an item id above the
 * caller's previous lead, and — when the installation maps {@code lead_ref} or {@code notes} — carrying
 * this lead's {@code SB-...} reference. The newest such record wins.
 */
public final class RukovoditelSearch {

    private RukovoditelSearch() {
    }

    public static Optional<String> ourRecord(JsonNode data, LeadPush lead, FieldMap fields, String previousCrmItemId) {
        if (data == null || !data.isArray()) {
            return Optional.empty();
        }
        BigInteger floor = previousCrmItemId == null || !previousCrmItemId.matches("[0-9]+")
                ? BigInteger.ZERO : new BigInteger(previousCrmItemId);
        Optional<LeadAttribute> marker = RukovoditelClient.recognisedBy(fields);
        BigInteger best = null;
        for (JsonNode record : data) {
            String id = record.path("id").asText("");
            if (!id.matches("[0-9]{1,19}")) {
                continue;
            }
            BigInteger itemId = new BigInteger(id);
            if (itemId.compareTo(floor) <= 0) {
                continue;
            }
            if (!samePhone(value(record, fields.phoneFieldId()), lead.phone())) {
                continue;
            }
            if (marker.isPresent() && !value(record, fields.fieldId(marker.get()).orElseThrow()).contains(lead.leadRef())) {
                continue;
            }
            if (best == null || itemId.compareTo(best) > 0) {
                best = itemId;
            }
        }
        return Optional.ofNullable(best).map(BigInteger::toString);
    }

    /** A select returns custom fields by bare id ({@code "202"}); {@code field_202} is accepted too. */
    private static String value(JsonNode record, int fieldId) {
        JsonNode node = record.has(Integer.toString(fieldId)) ? record.get(Integer.toString(fieldId))
                : record.get("field_" + fieldId);
        return node == null || node.isNull() ? "" : node.asText("");
    }

    static boolean samePhone(String stored, String e164) {
        String a = stored.replaceAll("[^0-9]", "");
        String b = e164.replaceAll("[^0-9]", "");
        if (a.length() < 7 || b.length() < 7) {
            return false;
        }
        return a.equals(b) || (a.length() >= 10 && b.endsWith(a)) || (b.length() >= 10 && a.endsWith(b));
    }
}
