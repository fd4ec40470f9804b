package dev.switchboard.shared.sms;

import dev.switchboard.shared.storage.Item;
import dev.switchboard.shared.storage.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * One item per text key ({@code pk = TEXT#<key>, sk = TEXT}) that makes a text happen at most once:
 * claimed with a conditional write before the first send, then {@code sent}, {@code queued} (a retry is
 * pending; {@code ambiguous} when an attempt may have gone out), {@code skipped} or {@code failed}.
 * Message records ({@code pk = MSG#<MessageSid>, sk = MSG}) carry delivery status for the status callback.
 */
public final class TextLedger {

    public static final String SENDING = "sending";
    public static final String SENT = "sent";
    public static final String QUEUED = "queued";
    public static final String SKIPPED = "skipped";
    public static final String FAILED = "failed";

    private static final Duration KEEP = Duration.ofDays(90);

    private final Table table;

    public TextLedger(Table table) {
        this.table = table;
    }

    public static String pk(String key) {
        return "TEXT#" + key;
    }

    public static String messagePk(String sid) {
        return "MSG#" + sid;
    }

    /** Claims a key; empty when this caller now owns it, else the existing entry. */
    public Optional<Map<String, AttributeValue>> claim(OutgoingText text, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("state", Item.s(SENDING));
        item.put("to", Item.s(text.to()));
        item.put("kind", Item.s(text.kind()));
        item.put("createdAt", Item.time(now));
        item.put("updatedAt", Item.time(now));
        return table.putIfAbsent(pk(text.key()), "TEXT", item, KEEP, now);
    }

    public Optional<Map<String, AttributeValue>> find(String key) {
        return table.get(pk(key), "TEXT");
    }

    public void markSent(OutgoingText text, String sid, String status, Instant now) {
        update(text.key(), SENT, Map.of("sid", Item.s(sid)), now);
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":to", Item.s(text.to()));
        values.put(":kind", Item.s(text.kind()));
        values.put(":key", Item.s(text.key()));
        values.put(":status", Item.s(status));
        values.put(":now", Item.time(now));
        values.put(":exp", Item.expiresAt(now.plus(KEEP)));
        values.put(":from", Item.s(text.from().orElse(text.messagingServiceSid().orElse(""))));
        values.put(":rank", Item.n(MessageStatuses.rank(status)));
        values.put(":outbound", Item.s("outbound"));
        Map<String, String> names = new HashMap<>();
        names.put("#to", "to");
        names.put("#kind", "kind");
        names.put("#key", "textKey");
        names.put("#from", "from");
        names.put("#status", "status");
        names.put("#rank", "statusRank");
        names.put("#direction", "direction");
        names.put("#createdAt", "createdAt");
        names.put("#updatedAt", "updatedAt");
        names.put("#exp", Table.TTL);
        // if_not_exists: a status callback may already have written a later status (and its rank).
        table.client().updateItem(UpdateItemRequest.builder()
                .tableName(table.name())
                .key(Table.key(messagePk(sid), "MSG"))
                .updateExpression("SET #to = :to, #kind = :kind, #key = :key, #from = :from, #direction = :outbound,"
                        + " #status = if_not_exists(#status, :status), #rank = if_not_exists(#rank, :rank),"
                        + " #createdAt = if_not_exists(#createdAt, :now), #updatedAt = :now, #exp = :exp")
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build());
    }

    public void markQueued(String key, boolean ambiguous, String detail, Instant now) {
        update(key, QUEUED, Map.of("ambiguous", Item.bool(ambiguous), "detail", Item.s(detail == null ? "" : detail)), now);
    }

    public void markFinal(String key, String state, String reason, Instant now) {
        update(key, state, Map.of("detail", Item.s(reason == null ? "" : reason)), now);
    }

    private void update(String key, String state, Map<String, AttributeValue> extra, Instant now) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        StringBuilder set = new StringBuilder("SET #state = :state, #updatedAt = :now, #exp = :exp");
        names.put("#state", "state");
        names.put("#updatedAt", "updatedAt");
        names.put("#exp", Table.TTL);
        values.put(":state", Item.s(state));
        values.put(":now", Item.time(now));
        values.put(":exp", Item.expiresAt(now.plus(KEEP)));
        extra.forEach((name, value) -> {
            set.append(", #").append(name).append(" = :").append(name);
            names.put("#" + name, name);
            values.put(":" + name, value);
        });
        table.client().updateItem(UpdateItemRequest.builder()
                .tableName(table.name())
                .key(Table.key(pk(key), "TEXT"))
                .updateExpression(set.toString())
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build());
    }
}
