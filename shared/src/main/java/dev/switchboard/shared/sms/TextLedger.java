package dev.switchboard.shared.sms;

import dev.switchboard.shared.storage.Item;
import dev.switchboard.shared.storage.Table;
import dev.switchboard.shared.storage.Update;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One item per text key ({@code pk = TEXT#<key>, sk = TEXT}, written only here) that makes a text happen
 * at most once: claimed with a conditional write before the first send, then {@code sent}, {@code queued}
 * (a retry is pending; {@code ambiguous} when an attempt may have gone out), {@code skipped} or
 * {@code failed}.
 * A sent text's message record ({@code MSG#<MessageSid>}) is {@link MessageRecords}'.
 */
public final class TextLedger {

    public static final String SENDING = "sending";
    public static final String SENT = "sent";
    public static final String QUEUED = "queued";
    public static final String SKIPPED = "skipped";
    public static final String FAILED = "failed";

    private static final String SK = "TEXT";
    private static final Duration KEEP = Duration.ofDays(90);

    private final Table table;
    private final MessageRecords messages;

    public TextLedger(Table table) {
        this(table, new MessageRecords(table));
    }

    /** @param messages the message records sent texts get (with their retention) */
    public TextLedger(Table table, MessageRecords messages) {
        this.table = table;
        this.messages = messages;
    }

    public static String pk(String key) {
        return "TEXT#" + key;
    }

    /** Claims a key; empty when this caller now owns it, else the existing entry. */
    public Optional<Map<String, AttributeValue>> claim(OutgoingText text, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("state", Item.s(SENDING));
        item.put("to", Item.s(text.to()));
        item.put("kind", Item.s(text.kind()));
        item.put("createdAt", Item.time(now));
        item.put("updatedAt", Item.time(now));
        return table.putIfAbsent(pk(text.key()), SK, item, KEEP, now);
    }

    public Optional<Map<String, AttributeValue>> find(String key) {
        return table.get(pk(key), SK);
    }

    /** Twilio accepted the text: the key is done, and the message gets its record. */
    public void markSent(OutgoingText text, String sid, String status, Instant now) {
        table.update(update(text.key(), SENT, now).set("sid", sid));
        messages.recordSent(text, sid, status, now);
    }

    public void markQueued(String key, boolean ambiguous, String detail, Instant now) {
        table.update(update(key, QUEUED, now).set("ambiguous", ambiguous).set("detail", detail == null ? "" : detail));
    }

    public void markFinal(String key, String state, String reason, Instant now) {
        table.update(update(key, state, now).set("detail", reason == null ? "" : reason));
    }

    private Update update(String key, String state, Instant now) {
        return Update.item(pk(key), SK)
                .set("state", state)
                .set("updatedAt", now)
                .expiresAt(now.plus(KEEP));
    }
}
