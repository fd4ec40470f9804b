package dev.switchboard.sms;

import dev.switchboard.shared.sms.TextLedger;
import dev.switchboard.shared.storage.Item;
import dev.switchboard.shared.storage.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Incoming texts as message records ({@code pk = MSG#<MessageSid>, sk = MSG}, {@code direction = inbound},
 * kept 90 days). The record is written with a conditional put, so Twilio's redelivery of the same message
 * is recognised and does nothing a second time.
 */
final class InboundMessages {

    static final Duration KEEP = Duration.ofDays(90);

    private final Table table;

    InboundMessages(Table table) {
        this.table = table;
    }

    /** One incoming text, as Twilio posted it. */
    record Inbound(String messageSid, String from, String to, String body, int mediaCount, List<String> mediaUrls,
                   Optional<String> line, String keyword) {
    }

    /** Stores the message; false when it was already stored (a redelivery). */
    boolean recordFirst(Inbound message, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("direction", Item.s("inbound"));
        item.put("status", Item.s("received"));
        item.put("from", Item.s(message.from()));
        item.put("to", Item.s(message.to()));
        item.put("body", Item.s(message.body()));
        item.put("numMedia", Item.n(message.mediaCount()));
        if (!message.mediaUrls().isEmpty()) {
            item.put("mediaUrls", AttributeValue.fromL(message.mediaUrls().stream().map(Item::s).toList()));
        }
        message.line().ifPresent(line -> item.put("line", Item.s(line)));
        item.put("keyword", Item.s(message.keyword()));
        item.put("createdAt", Item.time(now));
        item.put("updatedAt", Item.time(now));
        return table.putIfAbsent(TextLedger.messagePk(message.messageSid()), "MSG", item, KEEP, now).isEmpty();
    }

    Optional<Map<String, AttributeValue>> find(String messageSid) {
        return table.get(TextLedger.messagePk(messageSid), "MSG");
    }
}
