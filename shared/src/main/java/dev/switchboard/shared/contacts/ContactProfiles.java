package dev.switchboard.shared.contacts;

import dev.switchboard.shared.storage.Condition;
import dev.switchboard.shared.storage.Item;
import dev.switchboard.shared.storage.Table;
import dev.switchboard.shared.storage.Update;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What Switchboard knows about a customer, {@code CONTACT#<E164>} / {@code PROFILE} (written only here):
 * {@code name} and where it came from ({@code nameSource}: {@code crm} &gt; {@code web} &gt;
 * {@code transcript}), the customer's latest {@code leadId} and {@code crmId}. The inbox and the alerts read it.
 * A name from a weaker source never replaces one from a stronger source.
 */
public final class ContactProfiles {

    public static final String SK = "PROFILE";

    /** Where a name came from, weakest first. */
    public enum NameSource {
        transcript, web, crm
    }

    private final Table table;

    public ContactProfiles(Table table) {
        this.table = table;
    }

    public static String pk(String phone) {
        return "CONTACT#" + phone;
    }

    public Optional<Map<String, AttributeValue>> find(String phone) {
        return table.get(pk(phone), SK);
    }

    public Optional<String> name(String phone) {
        return find(phone).flatMap(item -> Item.string(item, "name")).filter(n -> !n.isBlank());
    }

    /** Records a name unless the profile has one from a stronger source. */
    public void rememberName(String phone, String name, NameSource source, Instant now) {
        if (name == null || name.isBlank()) {
            return;
        }
        Condition weaker = Condition.absent("nameRank")
                .or(Condition.atMost("nameRank", Item.n(source.ordinal())));
        table.update(Update.item(pk(phone), SK)
                .set("name", name.strip())
                .set("nameSource", source.name())
                .set("nameRank", source.ordinal())
                .set("updatedAt", now)
                .onlyIf(weaker));
    }

    public void rememberLead(String phone, String leadId, Instant now) {
        table.update(Update.item(pk(phone), SK).set("leadId", leadId).set("updatedAt", now));
    }

    public void rememberCrmId(String phone, String crmId, Instant now) {
        table.update(Update.item(pk(phone), SK).set("crmId", crmId).set("updatedAt", now));
    }
}
