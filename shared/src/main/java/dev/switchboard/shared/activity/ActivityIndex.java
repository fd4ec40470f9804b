package dev.switchboard.shared.activity;

import dev.switchboard.shared.activity.ActivityEvent.Category;
import dev.switchboard.shared.storage.Item;
import dev.switchboard.shared.storage.RecordingRecords;
import dev.switchboard.shared.storage.Table;
import dev.switchboard.shared.storage.Update;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The owner's feed and each customer's timeline, read newest first without a scan: small index items in the
 * base table that point at the event items (calls, texts, quotes), read with one Query and one BatchGetItem
 * per page. Index items rather than new global secondary indexes because CloudFormation cannot add more than
 * one GSI to a table in one stack update, so a deployed stack could not be upgraded (docs/architecture.md).
 *
 * <p>Items (all {@code {pk, sk, ref, refSk, line, contact, category, at}}):
 * <ul>
 *   <li>{@code CONTACT#<E164>} / {@code A#<at>#<eventPk>}: the customer's timeline;</li>
 *   <li>{@code FEED} / {@code <at>#<eventPk>}: everything;</li>
 *   <li>{@code FEED#<category>} / {@code <at>#<eventPk>}: one filter (call, missed, voicemail, text, quote);</li>
 *   <li>{@code FEED#needs-reply} / {@code <at>#<eventPk>} and its twin {@code CONTACT#<E164>} /
 *       {@code NR#<at>#<eventPk>}: while it waits for the business; both go when the business calls or
 *       texts the customer, or it is marked done;</li>
 *   <li>{@code CONTACT#<E164>} / {@code REPLIED}: when the business last called or texted them.</li>
 * </ul>
 * The event item itself gets {@code actType}, {@code actCategory}, {@code actAt}, {@code actLine},
 * {@code actContact}, {@code actDirection}, {@code actSentBy}, {@code actNeedsReply}, {@code actDone}; what
 * each type shows (status, duration, body, transcript excerpt, service, ...) is written by the event's owner.
 */
public final class ActivityIndex {

    /** The feed's filters, as the owner's API names them. */
    public enum Feed {
        ALL("all", "FEED"),
        NEEDS_REPLY("needs-reply", "FEED#needs-reply"),
        MISSED("missed", "FEED#missed"),
        VOICEMAIL("voicemail", "FEED#voicemail"),
        TEXTS("texts", "FEED#text"),
        QUOTES("quotes", "FEED#quote"),
        /** Answered and outbound calls. */
        CALLS("calls", "FEED#call");

        private final String wireName;
        private final String partition;

        Feed(String wireName, String partition) {
            this.wireName = wireName;
            this.partition = partition;
        }

        public String wireName() {
            return wireName;
        }

        /** The filter named {@code name} (all, needs-reply, missed, voicemail, texts, quotes, calls). */
        public static Optional<Feed> fromWireName(String name) {
            for (Feed feed : values()) {
                if (feed.wireName.equals(name)) {
                    return Optional.of(feed);
                }
            }
            return Optional.empty();
        }
    }

    /** One page, newest first: the event items (each with its {@code pk}), and the cursor of the next page. */
    public record Page(List<Map<String, AttributeValue>> events, Optional<String> nextCursor) {
    }

    public static final String FEED = "FEED";
    public static final String NEEDS_REPLY = "FEED#needs-reply";
    static final String REPLIED = "REPLIED";
    private static final Pattern SORT_KEY = Pattern.compile("(A#|NR#)?\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z#[A-Z]+#.+");
    public static final int MAX_PAGE = 200;

    private final Table table;

    public ActivityIndex(Table table) {
        this.table = table;
    }

    public static String contactPk(String contact) {
        return "CONTACT#" + contact;
    }

    /** The API's id of an event: {@code CALL-CA123} for {@code CALL#CA123} (safe in a URL path). */
    public static String idOf(String eventPk) {
        return eventPk.replaceFirst("#", "-");
    }

    /** The event's partition key from an API id, if it is one. */
    public static Optional<String> eventPkOf(String id) {
        if (id == null || !id.matches("[A-Z]+-[A-Za-z0-9_.:-]{1,100}")) {
            return Optional.empty();
        }
        return Optional.of(id.replaceFirst("-", "#"));
    }

    private static String feedSk(ActivityEvent e) {
        return RecordingRecords.sortable(e.at()) + "#" + e.eventPk();
    }

    /**
     * Files an event (idempotent: recording it again changes nothing, except moving it to a new category or
     * adding the needs-reply items it did not have). Needs-reply items are not added when the business has
     * called or texted the customer since, or the event was marked done.
     */
    public void record(ActivityEvent e) {
        String sk = feedSk(e);
        String contactPk = contactPk(e.contact());
        Optional<Map<String, AttributeValue>> timeline = table.get(contactPk, "A#" + sk);
        boolean done = timeline.map(t -> Item.flag(t, "done")).orElse(false);
        Optional<String> previous = timeline.flatMap(t -> Item.string(t, "category"));
        if (previous.isPresent() && !previous.get().equals(e.category().wireName())) {
            table.delete("FEED#" + previous.get(), sk);
        }
        Instant repliedAt = table.get(contactPk, REPLIED).flatMap(r -> Item.string(r, "at")).map(Instant::parse)
                .orElse(Instant.EPOCH);
        boolean needsReply = e.needsReply() && !done && e.direction() == ActivityEvent.Direction.INBOUND
                && repliedAt.isBefore(e.at());

        Update event = Update.item(e.eventPk(), e.eventSk())
                .set("actType", e.category().type())
                .set("actCategory", e.category().wireName())
                .set("actAt", RecordingRecords.sortable(e.at()))
                .set("actLine", e.line())
                .set("actContact", e.contact())
                .set("actDirection", e.direction().wireName())
                .set("actNeedsReply", needsReply);
        e.sentBy().ifPresent(staff -> event.set("actSentBy", staff));
        table.update(event);

        put(e, contactPk, "A#" + sk, done);
        put(e, FEED, sk, false);
        put(e, "FEED#" + e.category().wireName(), sk, false);
        if (needsReply) {
            put(e, NEEDS_REPLY, sk, false);
            put(e, contactPk, "NR#" + sk, false);
        } else if (!e.needsReply() || done) {
            table.delete(NEEDS_REPLY, sk);
            table.delete(contactPk, "NR#" + sk);
        }
    }

    private void put(ActivityEvent e, String pk, String sk, boolean done) {
        Map<String, AttributeValue> item = new HashMap<>(Table.key(pk, sk));
        item.put("ref", Item.s(e.eventPk()));
        item.put("refSk", Item.s(e.eventSk()));
        item.put("line", Item.s(e.line()));
        item.put("contact", Item.s(e.contact()));
        item.put("category", Item.s(e.category().wireName()));
        item.put("at", Item.s(RecordingRecords.sortable(e.at())));
        if (done) {
            item.put("done", Item.bool(true));
        }
        e.expiresAt().ifPresent(when -> item.put(Table.TTL, Item.expiresAt(when)));
        table.put(item);
    }

    /**
     * The business called or texted {@code contact} at {@code at}: everything of theirs that waited from
     * before then no longer needs a reply.
     *
     * @return how many events it cleared
     */
    public int businessReplied(String contact, Instant at) {
        String contactPk = contactPk(contact);
        table.update(Update.item(contactPk, REPLIED).set("at", at.toString()));
        int cleared = 0;
        for (Map<String, AttributeValue> waiting : queryAll(contactPk, "NR#")) {
            String sk = waiting.get(Table.SK).s().substring(3);
            Instant when = Instant.parse(Item.string(waiting, "at").orElseThrow());
            if (when.isAfter(at)) {
                continue;
            }
            clear(contactPk, sk, waiting);
            cleared++;
        }
        return cleared;
    }

    /** Marks an event done: it leaves needs-reply for good. False when there is no such event in the index. */
    public boolean markDone(String eventPk, String eventSk) {
        Optional<Map<String, AttributeValue>> event = table.get(eventPk, eventSk);
        Optional<String> contact = event.flatMap(e -> Item.string(e, "actContact"));
        Optional<String> at = event.flatMap(e -> Item.string(e, "actAt"));
        if (contact.isEmpty() || at.isEmpty()) {
            return false;
        }
        String contactPk = contactPk(contact.get());
        String sk = at.get() + "#" + eventPk;
        table.update(Update.item(eventPk, eventSk).set("actDone", true).set("actNeedsReply", false));
        table.update(Update.item(contactPk, "A#" + sk).set("done", true));
        clear(contactPk, sk, Map.of());
        return true;
    }

    private void clear(String contactPk, String sk, Map<String, AttributeValue> indexItem) {
        table.delete(NEEDS_REPLY, sk);
        table.delete(contactPk, "NR#" + sk);
        Optional<String> ref = Item.string(indexItem, "ref");
        Optional<String> refSk = Item.string(indexItem, "refSk");
        if (ref.isPresent() && refSk.isPresent()) {
            table.update(Update.item(ref.get(), refSk.get()).set("actNeedsReply", false));
        }
    }

    /** A page of the feed, newest first; {@code line} narrows it to one line (null: all lines). */
    public Page page(Feed feed, String line, String cursor, int limit) {
        return read(feed.partition, null, line, cursor, limit);
    }

    /** A page of one customer's timeline (all lines), newest first. */
    public Page timeline(String contact, String cursor, int limit) {
        return read(contactPk(contact), "A#", null, cursor, limit);
    }

    /** The index items (not the events) a customer has waiting for a reply, newest first. */
    public List<Map<String, AttributeValue>> waiting(String contact) {
        return queryAll(contactPk(contact), "NR#");
    }

    private Page read(String pk, String prefix, String line, String cursor, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_PAGE);
        }
        Map<String, String> names = new LinkedHashMap<>(Map.of("#pk", Table.PK));
        Map<String, AttributeValue> values = new LinkedHashMap<>(Map.of(":pk", Item.s(pk)));
        String condition = "#pk = :pk";
        if (prefix != null) {
            names.put("#sk", Table.SK);
            values.put(":prefix", Item.s(prefix));
            condition += " AND begins_with(#sk, :prefix)";
        }
        QueryRequest.Builder query = QueryRequest.builder().tableName(table.name()).keyConditionExpression(condition)
                .scanIndexForward(false).limit(limit);
        if (line != null) {
            names.put("#line", "line");
            values.put(":line", Item.s(line));
            query.filterExpression("#line = :line");
        }
        if (cursor != null) {
            query.exclusiveStartKey(Table.key(pk, decodeCursor(cursor, prefix)));
        }
        QueryResponse response = table.client().query(query.expressionAttributeNames(names)
                .expressionAttributeValues(values).build());
        List<Map<String, AttributeValue>> events = events(response.items());
        Optional<String> next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? Optional.of(encodeCursor(response.lastEvaluatedKey().get(Table.SK).s()))
                : Optional.empty();
        return new Page(events, next);
    }

    /** The events the index items point at, in the index's order; an event deleted since is left out. */
    private List<Map<String, AttributeValue>> events(List<Map<String, AttributeValue>> indexItems) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (Map<String, AttributeValue> index : indexItems) {
            Map<String, AttributeValue> key = Table.key(index.get("ref").s(), index.get("refSk").s());
            if (!keys.contains(key)) {
                keys.add(key);
            }
        }
        Map<String, Map<String, AttributeValue>> byPk = new HashMap<>();
        for (int from = 0; from < keys.size(); from += 100) {
            List<Map<String, AttributeValue>> pending = keys.subList(from, Math.min(keys.size(), from + 100));
            for (int attempt = 0; !pending.isEmpty() && attempt < 8; attempt++) {
                KeysAndAttributes batch = KeysAndAttributes.builder().keys(List.copyOf(pending)).consistentRead(true).build();
                BatchGetItemResponse got = table.client().batchGetItem(b -> b.requestItems(Map.of(table.name(), batch)));
                got.responses().getOrDefault(table.name(), List.of())
                        .forEach(item -> byPk.put(item.get(Table.PK).s(), item));
                KeysAndAttributes unprocessed = got.unprocessedKeys().get(table.name());
                pending = unprocessed == null ? List.of() : unprocessed.keys();
            }
            if (!pending.isEmpty()) {
                throw new IllegalStateException("DynamoDB left " + pending.size() + " keys unprocessed");
            }
        }
        List<Map<String, AttributeValue>> events = new ArrayList<>();
        for (Map<String, AttributeValue> key : keys) {
            Map<String, AttributeValue> event = byPk.get(key.get(Table.PK).s());
            if (event != null) {
                events.add(event);
            }
        }
        return events;
    }

    private List<Map<String, AttributeValue>> queryAll(String pk, String prefix) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder query = QueryRequest.builder().tableName(table.name())
                    .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                    .expressionAttributeNames(Map.of("#pk", Table.PK, "#sk", Table.SK))
                    .expressionAttributeValues(Map.of(":pk", Item.s(pk), ":prefix", Item.s(prefix)))
                    .scanIndexForward(false).consistentRead(true);
            if (start != null) {
                query.exclusiveStartKey(start);
            }
            QueryResponse response = table.client().query(query.build());
            items.addAll(response.items());
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }

    static String encodeCursor(String sortKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sortKey.getBytes(StandardCharsets.UTF_8));
    }

    /** The sort key a cursor carries; {@link IllegalArgumentException} (a 400) for anything else. */
    static String decodeCursor(String cursor, String prefix) {
        String sortKey;
        try {
            sortKey = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cursor is not one this API gave out");
        }
        boolean rightPartition = prefix != null ? sortKey.startsWith(prefix)
                : !sortKey.startsWith("A#") && !sortKey.startsWith("NR#");
        if (cursor.length() > 400 || !SORT_KEY.matcher(sortKey).matches() || !rightPartition) {
            throw new IllegalArgumentException("cursor is not one this API gave out");
        }
        return sortKey;
    }
}
