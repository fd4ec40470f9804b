package dev.switchboard.inbox;

import dev.switchboard.shared.activity.ActivityEvent;
import dev.switchboard.shared.activity.ActivityIndex;
import dev.switchboard.shared.storage.CallRecords;
import dev.switchboard.shared.storage.Item;
import dev.switchboard.shared.storage.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * {@link ActivityStore} over the activity index ({@code shared/activity/ActivityIndex}): one Query and one
 * BatchGetItem per page, plus one BatchGetItem of the contacts' names. What the inbox itself starts (a text, a
 * click-to-call) is written through the items' owners and filed in the index here.
 */
final class IndexedActivity implements ActivityStore {

    private final Table table;
    private final ActivityIndex index;
    private final CallRecords calls;

    IndexedActivity(Table table) {
        this.table = table;
        this.index = new ActivityIndex(table);
        this.calls = new CallRecords(table);
    }

    @Override
    public Page feed(ActivityIndex.Feed feed, Optional<String> line, Optional<String> cursor, int limit) {
        ActivityIndex.Page page = index.page(feed, line.orElse(null), cursor.orElse(null), limit);
        return new Page(page.events(), page.nextCursor());
    }

    @Override
    public Page timeline(String contact, Optional<String> cursor, int limit) {
        ActivityIndex.Page page = index.timeline(contact, cursor.orElse(null), limit);
        return new Page(page.events(), page.nextCursor());
    }

    @Override
    public Set<String> needingReply(Collection<Map<String, AttributeValue>> events) {
        Set<String> waiting = new HashSet<>();
        for (Map<String, AttributeValue> event : events) {
            if (Item.flag(event, "actNeedsReply")) {
                waiting.add(Item.string(event, Table.PK).orElse(""));
            }
        }
        return waiting;
    }

    @Override
    public Map<String, String> names(Collection<String> phones) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        phones.stream().distinct().forEach(p -> keys.add(Table.key(ActivityIndex.contactPk(p), "PROFILE")));
        Map<String, String> names = new HashMap<>();
        for (int from = 0; from < keys.size(); from += 100) {
            List<Map<String, AttributeValue>> pending = keys.subList(from, Math.min(keys.size(), from + 100));
            for (int attempt = 0; !pending.isEmpty() && attempt < 5; attempt++) {
                KeysAndAttributes batch = KeysAndAttributes.builder().keys(List.copyOf(pending))
                        .projectionExpression("pk, #n").expressionAttributeNames(Map.of("#n", "name")).build();
                BatchGetItemResponse got = table.client().batchGetItem(b -> b.requestItems(Map.of(table.name(), batch)));
                for (Map<String, AttributeValue> item : got.responses().getOrDefault(table.name(), List.of())) {
                    Item.string(item, "name").filter(n -> !n.isBlank()).ifPresent(name ->
                            names.put(item.get(Table.PK).s().substring("CONTACT#".length()), name));
                }
                KeysAndAttributes unprocessed = got.unprocessedKeys().get(table.name());
                pending = unprocessed == null ? List.of() : unprocessed.keys();
            }
        }
        return names;
    }

    @Override
    public boolean markDone(String eventPk, Instant now) {
        return index.markDone(eventPk, eventSk(eventPk));
    }

    /** The sort key of an event item: {@code CALL}, {@code MSG} or {@code LEAD}, as its owner writes it. */
    static String eventSk(String eventPk) {
        return eventPk.substring(0, eventPk.indexOf('#'));
    }

    @Override
    public void businessReplied(String contact, Instant at) {
        index.businessReplied(contact, at);
    }

    @Override
    public void textSent(String messageSid, String contact, String line, String body, Optional<String> sentBy, Instant at) {
        // MessageRecords stored the body and filed the text when Twilio took it; a reply from the inbox (by a
        // person or a script) is the business answering, which an automatic text is not.
        index.businessReplied(contact, at);
    }

    @Override
    public void callPlaced(String callSid, String contact, String line, Optional<String> staff, Instant at) {
        calls.recordClickToCall(callSid, contact, line, staff.orElse(""), at);
        index.record(ActivityEvent.outbound(CallRecords.pk(callSid), CallRecords.SK, contact, line, at,
                ActivityEvent.Category.CALL, staff));
        index.businessReplied(contact, at);
    }
}
