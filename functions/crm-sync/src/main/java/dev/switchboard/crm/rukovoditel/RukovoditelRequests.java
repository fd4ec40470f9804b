package dev.switchboard.crm.rukovoditel;

import dev.switchboard.crm.lead.LeadAttribute;
import dev.switchboard.crm.lead.LeadPush;
import dev.switchboard.shared.text.SafeText;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The three calls the worker makes to Rukovoditel's {@code api/rest.php}, as its documentation shows them
 * (docs.rukovoditel.net, "API"): every call carries {@code key}, {@code username}, {@code password},
 * {@code action} and {@code entity_id}; then
 * <ul>
 *   <li>{@code insert}: the record as {@code items[0][field_<id>]=<value>};</li>
 *   <li>{@code update}: the item as {@code update_by_field[id]=<item id>} and the changed fields as
 *       {@code data[field_<id>]=<value>};</li>
 *   <li>{@code select}: {@code select_fields=<ids>} and the phone filter
 *       {@code filters[<phone field id>][value]=<E.164>}, {@code filters[<id>][condition]=search}.</li>
 * </ul>
 * Field values are written as {@link LeadAttribute#crmValue} renders them (formulas neutralised) and, while
 * {@code CRM_REPLACE_EMOJI} is on (the default), with characters outside the BMP replaced: Rukovoditel 2.x
 * stores text as 3-byte UTF-8, where an emoji becomes {@code ????}.
 */
public final class RukovoditelRequests {

    private final RukovoditelCredentials credentials;
    private final int entityId;
    private final FieldMap fields;
    private final boolean replaceEmoji;

    public RukovoditelRequests(RukovoditelCredentials credentials, int entityId, FieldMap fields) {
        this(credentials, entityId, fields, true);
    }

    public RukovoditelRequests(RukovoditelCredentials credentials, int entityId, FieldMap fields, boolean replaceEmoji) {
        this.credentials = credentials;
        this.entityId = entityId;
        this.fields = fields;
        this.replaceEmoji = replaceEmoji;
    }

    public FieldMap fields() {
        return fields;
    }

    public PhpQuery insert(LeadPush lead) {
        PhpQuery query = base("insert");
        for (Map.Entry<LeadAttribute, Integer> field : fields.ids().entrySet()) {
            String value = lead.values().get(field.getKey());
            if (value != null) {
                query.add("items", List.of("0", "field_" + field.getValue()), stored(field.getKey(), value));
            }
        }
        return query;
    }

    /** True when the lead changed in an attribute this installation maps (else no update is needed). */
    public boolean hasMappedChanges(LeadPush lead) {
        return lead.changed().stream().anyMatch(a -> fields.fieldId(a).isPresent() && lead.values().containsKey(a));
    }

    public PhpQuery update(String crmItemId, LeadPush lead) {
        PhpQuery query = base("update").add("update_by_field", List.of("id"), crmItemId);
        Set<LeadAttribute> changed = lead.changed();
        for (Map.Entry<LeadAttribute, Integer> field : fields.ids().entrySet()) {
            String value = lead.values().get(field.getKey());
            if (value != null && changed.contains(field.getKey())) {
                query.add("data", List.of("field_" + field.getValue()), stored(field.getKey(), value));
            }
        }
        return query;
    }

    /** Records whose phone field contains {@code phone}, with only the fields needed to recognise ours. */
    public PhpQuery select(String phone) {
        String phoneId = Integer.toString(fields.phoneFieldId());
        String selected = java.util.stream.Stream.of(LeadAttribute.PHONE, LeadAttribute.LEAD_REF, LeadAttribute.NOTES)
                .map(fields::fieldId).flatMap(java.util.Optional::stream).map(String::valueOf)
                .collect(Collectors.joining(","));
        return base("select")
                .add("select_fields", selected)
                .add("filters", List.of(phoneId, "value"), phone)
                .add("filters", List.of(phoneId, "condition"), "search");
    }

    private String stored(LeadAttribute attribute, String value) {
        String safe = attribute.crmValue(value);
        return replaceEmoji ? SafeText.threeByteUtf8(safe) : safe;
    }

    private PhpQuery base(String action) {
        return new PhpQuery()
                .add("key", credentials.apiKey())
                .add("username", credentials.username())
                .add("password", credentials.password())
                .add("action", action)
                .add("entity_id", Integer.toString(entityId));
    }
}
