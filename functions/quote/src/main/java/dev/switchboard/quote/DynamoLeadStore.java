package dev.switchboard.quote;

import dev.switchboard.shared.pricing.Estimate;
import dev.switchboard.shared.storage.Condition;
import dev.switchboard.shared.storage.Item;
import dev.switchboard.shared.storage.OnceOnly;
import dev.switchboard.shared.storage.Table;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Leads in the table: {@code pk = LEAD#<leadId>, sk = LEAD}, listed per customer through
 * {@code gsi1pk = PHONE#<E.164>, gsi1sk = <createdAt>}. Kept without a TTL: leads are the business's.
 *
 * <p>The same submission posted twice within {@link #REPEAT_WINDOW} is one lead: a once-only marker
 * ({@code ONCE#quote-submission#<fingerprint>}, through {@link OnceOnly}) holding the lead id is written
 * first, conditionally. This class is the owner of {@code LEAD#} items.
 */
public final class DynamoLeadStore implements LeadStore {

    public static final String SK = "LEAD";

    @Override
    public void recordActivity(Lead lead, java.util.Optional<String> line) {
        new dev.switchboard.shared.activity.ActivityIndex(table).record(
                dev.switchboard.shared.activity.ActivityEvent.inbound("LEAD#" + lead.id(), SK, lead.quote().phone(),
                        line.orElse("unknown"), lead.createdAt(),
                        dev.switchboard.shared.activity.ActivityEvent.Category.QUOTE, true));
    }
    public static final Duration REPEAT_WINDOW = Duration.ofMinutes(10);
    private static final Logger LOG = LoggerFactory.getLogger(DynamoLeadStore.class);

    static final String SUBMISSION_SCOPE = "quote-submission";

    private final Table table;
    private final OnceOnly once;

    public DynamoLeadStore(Table table, OnceOnly once) {
        this.table = table;
        this.once = once;
    }

    public static String pk(String leadId) {
        return "LEAD#" + leadId;
    }

    @Override
    public String save(Lead lead) {
        Optional<String> earlier = once.claim(SUBMISSION_SCOPE, lead.fingerprint(), REPEAT_WINDOW,
                Map.of("leadId", lead.id())).flatMap(marker -> Optional.ofNullable(marker.get("leadId")));
        if (earlier.isPresent()) {
            return earlier.get();
        }
        try {
            table.putIf(item(lead), Condition.absent(Table.PK));
        } catch (SdkException e) {
            // Without the lead the marker would make a resubmission look stored: forget it.
            try {
                once.release(SUBMISSION_SCOPE, lead.fingerprint());
            } catch (SdkException again) {
                LOG.warn("Could not remove the submission marker of lead {}: {}", lead.id(), again.getMessage());
            }
            throw e;
        }
        return lead.id();
    }

    static Map<String, AttributeValue> item(Lead lead) {
        ValidQuote q = lead.quote();
        Map<String, AttributeValue> item = new HashMap<>();
        item.putAll(Table.key(pk(lead.id()), SK));
        item.put(Table.GSI1_PK, Item.s("PHONE#" + q.phone()));
        item.put(Table.GSI1_SK, Item.time(lead.createdAt()));
        item.put("leadId", Item.s(lead.id()));
        item.put("createdAt", Item.time(lead.createdAt()));
        item.put("updatedAt", Item.time(lead.createdAt()));
        item.put("source", Item.s(Lead.SOURCE));
        item.put("status", Item.s(Lead.NEW));

        Map<String, AttributeValue> contact = new HashMap<>();
        contact.put("name", Item.s(q.name()));
        contact.put("phone", Item.s(q.phone()));
        q.email().ifPresent(v -> contact.put("email", Item.s(v)));
        contact.put("textOptIn", Item.bool(q.textOptIn()));
        item.put("contact", AttributeValue.fromM(contact));

        Map<String, AttributeValue> vehicle = new HashMap<>();
        q.year().ifPresent(v -> vehicle.put("year", Item.n(v)));
        q.make().ifPresent(v -> vehicle.put("make", Item.s(v)));
        q.model().ifPresent(v -> vehicle.put("model", Item.s(v)));
        q.engine().ifPresent(v -> vehicle.put("engine", Item.s(v)));
        item.put("vehicle", AttributeValue.fromM(vehicle));

        item.put("service", Item.s(q.service()));
        q.notes().ifPresent(v -> item.put("notes", Item.s(v)));

        Estimate estimate = lead.estimate();
        Map<String, AttributeValue> priced = new HashMap<>();
        priced.put("service", Item.s(estimate.service()));
        priced.put("known", Item.bool(estimate.known()));
        priced.put("currency", Item.s(estimate.currency()));
        priced.put("message", Item.s(estimate.message()));
        estimate.amountText().ifPresent(v -> priced.put("amount", Item.s(v)));
        item.put("estimate", AttributeValue.fromM(priced));
        return item;
    }
}
