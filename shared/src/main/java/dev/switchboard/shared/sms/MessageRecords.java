package dev.switchboard.shared.sms;

import dev.switchboard.shared.activity.ActivityEvent;
import dev.switchboard.shared.activity.ActivityIndex;

import dev.switchboard.shared.storage.Condition;
import dev.switchboard.shared.storage.Item;
import dev.switchboard.shared.storage.Table;
import dev.switchboard.shared.storage.Update;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Message records, {@code pk = MSG#<MessageSid>, sk = MSG}, kept 90 days: the one class that writes them.
 * <ul>
 *   <li>outbound ({@code direction = outbound}): recorded when Twilio accepts a text
 *       ({@link OutboundTexts}), then moved forward by its status callbacks ({@code sms-status});</li>
 *   <li>inbound ({@code direction = inbound}): recorded once when a customer's text arrives
 *       ({@code sms-incoming}); Twilio's redelivery of the same message is recognised by it.</li>
 * </ul>
 * A status only replaces one of a lower rank ({@link MessageStatuses}), so callbacks arriving late or twice
 * never move a record backwards.
 */
public final class MessageRecords {

    public static final String SK = "MSG";
    /** How long message records are kept: {@code RECORD_RETENTION_DAYS}; empty (the default) keeps them. */
    public static final String RETENTION_SETTING = "RECORD_RETENTION_DAYS";
    private static final String RANK = "statusRank";

    /** What a status callback did to the record. */
    public enum StatusOutcome {
        /** Created the record: Switchboard had none for this MessageSid. */
        CREATED,
        /** Moved the record forward. */
        UPDATED,
        /** The record already had this status or a later one: left as it was. */
        STALE
    }

    /**
     * A delivery status as Twilio reported it.
     *
     * @param errorCode        Twilio's numeric {@code ErrorCode}
     * @param rawErrorCode     the {@code ErrorCode} as received, kept when it is not a number
     * @param errorDescription what the error code means, when known
     */
    public record DeliveryStatus(String messageSid, String status, Optional<Integer> errorCode,
                                 Optional<String> rawErrorCode, Optional<String> errorDescription,
                                 Optional<String> to, Optional<String> from) {
    }

    /**
     * Texts to staff (relay notices, the old owner forward, sign-in codes; alerts are {@code alert-*}): not part
     * of any customer's conversation.
     */
    private static final java.util.Set<String> STAFF_KINDS = java.util.Set.of("relay-notice", "owner-forward",
            "sign-in-code", "quote-estimate-staff");

    /**
     * Whether a text of this kind is filed here in the customer's conversation: not texts to staff, and not the
     * notify API's ({@code notify-*}), which files its own {@code SEND#} event from the moment it is accepted
     * (before it has a MessageSid), so it is not filed twice.
     */
    static boolean isCustomerConversation(String kind) {
        return !STAFF_KINDS.contains(kind) && !kind.startsWith("alert-") && !kind.startsWith("notify-");
    }

    private final Table table;
    private final ActivityIndex activity;
    private final Optional<Duration> keep;

    /** Records kept for good: texts are the business's records. */
    public MessageRecords(Table table) {
        this(table, Optional.empty());
    }

    /** @param keep how long a record is kept after its last write; empty keeps it for good */
    public MessageRecords(Table table, Optional<Duration> keep) {
        this.table = table;
        this.activity = new ActivityIndex(table);
        this.keep = keep;
    }

    /** {@code RECORD_RETENTION_DAYS}: 0 or unset keeps records for good; else 1 to 3650 days. */
    public static Optional<Duration> retention(dev.switchboard.shared.config.Settings settings) {
        int days = settings.integer(RETENTION_SETTING, 0, 0, 3650);
        return days == 0 ? Optional.empty() : Optional.of(Duration.ofDays(days));
    }

    public static MessageRecords fromSettings(dev.switchboard.shared.config.Settings settings, Table table) {
        return new MessageRecords(table, retention(settings));
    }

    private Update expiring(Update update, Instant now) {
        keep.ifPresent(k -> update.expiresAt(now.plus(k)));
        return update;
    }

    public static String pk(String messageSid) {
        return "MSG#" + messageSid;
    }

    public Optional<Map<String, AttributeValue>> find(String messageSid) {
        return table.get(pk(messageSid), SK);
    }

    /** A text Twilio accepted; a status callback that arrived first keeps its later status. */
    public void recordSent(OutgoingText text, String sid, String status, Instant now) {
        table.update(expiring(Update.item(pk(sid), SK)
                .set("to", text.to())
                .set("kind", text.kind())
                .set("textKey", text.key())
                .set("from", text.from().orElse(text.messagingServiceSid().orElse("")))
                .set("direction", "outbound")
                .set("body", text.body())
                .setIfPresent("sentBy", text.sentBy())
                .keep("status", Item.s(status))
                .keep(RANK, Item.n(MessageStatuses.rank(status)))
                .keep("createdAt", Item.time(now))
                .set("updatedAt", now), now));
        recordActivity(text, sid, now);
    }

    /**
     * Files a text to a customer in their conversation and the owner's feed; a text a staff member wrote
     * ({@code sentBy}) counts as the business having replied. Never fails the send.
     */
    private void recordActivity(OutgoingText text, String sid, Instant now) {
        if (!isCustomerConversation(text.kind())) {
            return;
        }
        try {
            activity.record(ActivityEvent.outbound(pk(sid), SK, text.to(), text.from().orElse("unknown"), now,
                    ActivityEvent.Category.TEXT, text.sentBy()));
            if (text.sentBy().isPresent()) {
                activity.businessReplied(text.to(), now);
            }
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(MessageRecords.class).warn("Text {} not filed in the activity index: {}",
                    sid, e.getMessage());
        }
    }

    /** Files a customer's text (stored by {@link #recordInbound}) in their conversation and the owner's feed. */
    public void recordInboundActivity(InboundMessage message, Instant now) {
        activity.record(ActivityEvent.inbound(pk(message.messageSid()), SK, message.from(),
                message.line().orElse(message.to()), now, ActivityEvent.Category.TEXT, true));
    }

    /** Stores an incoming text; false when it was stored before (a redelivery). */
    public boolean recordInbound(InboundMessage message, Instant now) {
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
        return table.putIfAbsent(pk(message.messageSid()), SK, item, keep.orElse(null), now).isEmpty();
    }

    /**
     * Moves an outbound message forward to {@code report}'s status when it outranks the stored one; creates
     * the record for a message Switchboard has no record of (sent from the console, or expired).
     */
    public StatusOutcome applyStatus(DeliveryStatus report, Instant now) {
        Update update = Update.item(pk(report.messageSid()), SK)
                .set("status", report.status())
                .set(RANK, MessageStatuses.rank(report.status()))
                .set("updatedAt", now)
                .set("statusAt", now)
                .keep("createdAt", Item.time(now))
                .keep("direction", Item.s("outbound"))
                .onlyIf(Condition.absent(RANK).or(Condition.lessThan(RANK, Item.n(MessageStatuses.rank(report.status())))));
        keep.ifPresent(k -> update.keep(Table.TTL, Item.expiresAt(now.plus(k))));
        if (report.errorCode().isPresent()) {
            update.set("errorCode", report.errorCode().get());
            report.errorDescription().ifPresent(text -> update.set("errorDescription", text));
        } else {
            report.rawErrorCode().ifPresent(raw -> update.set("errorCode", raw));
        }
        report.to().ifPresent(to -> update.keep("to", Item.s(to)));
        report.from().ifPresent(from -> update.keep("from", Item.s(from)));
        try {
            UpdateItemResponse response = table.client().updateItem(update.request(table.name())
                    .returnValues(ReturnValue.ALL_OLD)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.NONE)
                    .build());
            boolean existed = response.attributes() != null && !response.attributes().isEmpty();
            return existed ? StatusOutcome.UPDATED : StatusOutcome.CREATED;
        } catch (ConditionalCheckFailedException e) {
            return StatusOutcome.STALE;
        }
    }
}
