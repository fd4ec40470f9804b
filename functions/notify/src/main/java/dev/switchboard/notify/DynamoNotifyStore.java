package dev.switchboard.notify;

import dev.switchboard.shared.appointments.Appointment;
import dev.switchboard.shared.appointments.Appointments;
import dev.switchboard.shared.sms.MessageRecords;
import dev.switchboard.shared.sms.TextLedger;
import dev.switchboard.shared.storage.Condition;
import dev.switchboard.shared.storage.Item;
import dev.switchboard.shared.storage.OptOuts;
import dev.switchboard.shared.storage.Table;
import dev.switchboard.shared.storage.Update;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The notify items in the one table (owner of {@code SEND#}, {@code DUE#}, {@code NOTIFYKEY#} and
 * {@code PHONE#…/STOPNOTICE}; appointments through {@link Appointments}):
 * <ul>
 *   <li>{@code SEND#<id>}/{@code SEND}: one customer text;</li>
 *   <li>{@code DUE#<yyyy-MM-dd>}/{@code <sendAt>#<id>}: the due-time index of scheduled texts, one partition
 *       per UTC day (the sweeper queries yesterday's and today's up to now; no GSI);</li>
 *   <li>{@code NOTIFYKEY#<sha256(idempotencyKey)>}/{@code NOTIFYKEY}: the request taken under a key and its
 *       answer (kept 30 days);</li>
 *   <li>{@code PHONE#<E.164>}/{@code STOPNOTICE}: the customer got the "Reply STOP to opt out" notice.</li>
 * </ul>
 */
public final class DynamoNotifyStore implements NotifyStore {

    static final String SEND_SK = "SEND";
    static final String KEY_SK = "NOTIFYKEY";
    static final String STOP_NOTICE_SK = "STOPNOTICE";
    static final Duration KEEP_KEYS = Duration.ofDays(30);
    static final Duration KEEP_SENDS = Duration.ofDays(400);

    private final Table table;
    private final OptOuts optOuts;
    private final Appointments appointments;
    private final MessageRecords messages;
    private final TextLedger ledger;

    public DynamoNotifyStore(Table table) {
        this.table = table;
        this.optOuts = new OptOuts(table);
        this.appointments = new Appointments(table);
        this.messages = new MessageRecords(table);
        this.ledger = new TextLedger(table);
    }

    static String sendPk(String id) {
        return "SEND#" + id;
    }

    static String keyPk(String idempotencyKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(idempotencyKey.getBytes(StandardCharsets.UTF_8));
            return "NOTIFYKEY#" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String duePk(Instant at) {
        return "DUE#" + LocalDate.ofInstant(at, ZoneOffset.UTC);
    }

    static String dueSk(Instant at, String id) {
        return at + "#" + id;
    }

    @Override
    public Optional<Taken> taken(String idempotencyKey) {
        return table.get(keyPk(idempotencyKey), KEY_SK).map(item -> new Taken(Item.string(item, "notifyId").orElse(""),
                Item.string(item, "fingerprint").orElse(""), Item.number(item, "status").map(Long::intValue),
                Item.string(item, "response")));
    }

    @Override
    public boolean take(String idempotencyKey, String id, String fingerprint, Instant now) {
        return table.putIfAbsent(keyPk(idempotencyKey), KEY_SK, Map.of("notifyId", Item.s(id),
                "fingerprint", Item.s(fingerprint), "createdAt", Item.time(now)), KEEP_KEYS, now).isEmpty();
    }

    @Override
    public void answered(String idempotencyKey, int status, String response, Instant now) {
        table.update(Update.item(keyPk(idempotencyKey), KEY_SK).set("status", status).set("response", response)
                .set("answeredAt", now));
    }

    @Override
    public void release(String idempotencyKey) {
        table.delete(keyPk(idempotencyKey), KEY_SK);
    }

    @Override
    public boolean canText(String phone) {
        return optOuts.canText(phone);
    }

    @Override
    public boolean firstText(String phone, Instant now) {
        return table.putIfAbsent(OptOuts.pk(phone), STOP_NOTICE_SK, Map.of("phone", Item.s(phone),
                "createdAt", Item.time(now)), null, now).isEmpty();
    }

    @Override
    public void forgetFirstText(String phone) {
        table.delete(OptOuts.pk(phone), STOP_NOTICE_SK);
    }

    @Override
    public void save(SendRecord r) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("notifyId", Item.s(r.id()));
        item.put("to", Item.s(r.to()));
        item.put("line", Item.s(r.line()));
        r.from().ifPresent(f -> item.put("from", Item.s(f)));
        item.put("template", Item.s(r.template().id()));
        item.put("body", Item.s(r.body()));
        item.put("status", Item.s(r.status()));
        r.sendAt().ifPresent(t -> item.put("sendAt", Item.time(t)));
        r.messageSid().ifPresent(s -> item.put("messageSid", Item.s(s)));
        r.appointmentId().ifPresent(a -> item.put("appointmentId", Item.s(a)));
        r.appointmentAt().ifPresent(a -> item.put("appointmentAt", Item.time(a)));
        item.put("urgent", Item.bool(r.urgent()));
        item.put("createdAt", Item.time(r.createdAt()));
        item.put("updatedAt", Item.time(r.createdAt()));
        r.detail().ifPresent(d -> item.put("detail", Item.s(d)));
        item.putAll(Table.key(sendPk(r.id()), SEND_SK));
        item.put(Table.TTL, Item.expiresAt(r.createdAt().plus(KEEP_SENDS)));
        table.put(item);
        if (SendRecord.SCHEDULED.equals(r.status()) && r.sendAt().isPresent()) {
            putDue(r.id(), r.sendAt().get());
        }
    }

    private void putDue(String id, Instant at) {
        Map<String, AttributeValue> due = new HashMap<>(Table.key(duePk(at), dueSk(at, id)));
        due.put("notifyId", Item.s(id));
        due.put("sendAt", Item.time(at));
        due.put(Table.TTL, Item.expiresAt(at.plus(Duration.ofDays(30))));
        table.put(due);
    }

    @Override
    public Optional<SendRecord> find(String id) {
        return table.get(sendPk(id), SEND_SK).map(DynamoNotifyStore::read);
    }

    static SendRecord read(Map<String, AttributeValue> item) {
        return new SendRecord(Item.string(item, "notifyId").orElse(""), Item.string(item, "to").orElse(""),
                Item.string(item, "line").orElse(""), Item.string(item, "from"),
                Template.byId(Item.string(item, "template").orElse("custom")).orElse(Template.CUSTOM),
                Item.string(item, "body").orElse(""), Item.string(item, "status").orElse(SendRecord.FAILED),
                Item.string(item, "sendAt").map(Instant::parse), Item.string(item, "messageSid"),
                Item.string(item, "appointmentId"), Item.string(item, "appointmentAt").map(Instant::parse),
                Item.flag(item, "urgent"), Instant.parse(Item.string(item, "createdAt").orElse(Instant.EPOCH.toString())),
                Item.string(item, "detail"));
    }

    @Override
    public void settle(String id, String status, Optional<String> sid, Optional<String> detail, Instant now) {
        Update update = Update.item(sendPk(id), SEND_SK).set("status", status).set("updatedAt", now)
                .onlyIf(Condition.exists(Table.PK));
        sid.ifPresent(s -> update.set("messageSid", s));
        if (SendRecord.SENT.equals(status) || SendRecord.QUEUED.equals(status)) {
            update.set("sentAt", now);
        }
        detail.ifPresent(d -> update.set("detail", d));
        table.update(update);
    }

    /**
     * The text as the owner's feed shows it (the activity index files the item as an outbound text):
     * {@code actSummary} and the body that went, with the opt-out notice if it carried it.
     */
    public void describe(SendRecord record, Instant at) {
        table.update(Update.item(sendPk(record.id()), SEND_SK)
                .set("actSummary", SafeSummary.of(record))
                .set("sentBody", record.body())
                .set("sentAt", at)
                .onlyIf(Condition.exists(Table.PK)));
    }

    /** One human line for the feed: "Appointment confirmation to +1904…: Hi Ann, …". */
    static final class SafeSummary {
        private SafeSummary() {
        }

        static String of(SendRecord record) {
            String what = switch (record.template()) {
                case APPOINTMENT_CONFIRMED -> "Appointment confirmation";
                case APPOINTMENT_REMINDER -> "Appointment reminder";
                case APPOINTMENT_CANCELLED -> "Appointment cancelled";
                case EN_ROUTE -> "On the way";
                case JOB_DONE -> "Job done";
                case REVIEW_REQUEST -> "Review request";
                case CUSTOM -> "Text";
            };
            return dev.switchboard.shared.text.SafeText.bounded(what + ": " + record.body(), 200);
        }
    }

    @Override
    public boolean claimDue(String id, Instant now) {
        return table.update(Update.item(sendPk(id), SEND_SK).set("status", SendRecord.SENDING).set("updatedAt", now)
                .onlyIf(Condition.equalTo("status", Item.s(SendRecord.SCHEDULED))));
    }

    @Override
    public boolean cancel(String id, String status, String reason, Instant now) {
        Optional<SendRecord> record = find(id);
        boolean cancelled = table.update(Update.item(sendPk(id), SEND_SK).set("status", status).set("detail", reason)
                .set("updatedAt", now).onlyIf(Condition.equalTo("status", Item.s(SendRecord.SCHEDULED))));
        record.flatMap(SendRecord::sendAt).ifPresent(at -> table.delete(duePk(at), dueSk(at, id)));
        return cancelled;
    }

    @Override
    public void reschedule(String id, Instant from, Instant to, Instant now) {
        putDue(id, to);
        table.update(Update.item(sendPk(id), SEND_SK).set("sendAt", to).set("updatedAt", now));
        table.delete(duePk(from), dueSk(from, id));
    }

    @Override
    public List<Due> due(Instant now, int lookBackDays, int limit) {
        List<Due> out = new ArrayList<>();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        for (int back = lookBackDays; back >= 0 && out.size() < limit; back--) {
            String pk = "DUE#" + today.minusDays(back);
            Map<String, AttributeValue> start = null;
            do {
                QueryRequest.Builder query = QueryRequest.builder().tableName(table.name())
                        .keyConditionExpression("pk = :pk AND sk <= :now")
                        .expressionAttributeValues(Map.of(":pk", Item.s(pk), ":now", Item.s(now + "#~")))
                        .consistentRead(true).limit(limit - out.size());
                if (start != null) {
                    query.exclusiveStartKey(start);
                }
                QueryResponse response = table.client().query(query.build());
                for (Map<String, AttributeValue> item : response.items()) {
                    out.add(new Due(Instant.parse(Item.string(item, "sendAt").orElseThrow()),
                            Item.string(item, "notifyId").orElseThrow()));
                }
                start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                        ? response.lastEvaluatedKey() : null;
            } while (start != null && out.size() < limit);
        }
        return out;
    }

    @Override
    public void removeDue(Due due) {
        table.delete(duePk(due.sendAt()), dueSk(due.sendAt(), due.id()));
    }

    @Override
    public Optional<Appointment> appointment(String id) {
        return appointments.find(id);
    }

    @Override
    public void book(Appointment appointment, Instant now) {
        appointments.book(appointment, now);
    }

    @Override
    public void cancelAppointment(String id, Instant now) {
        appointments.cancel(id, now);
    }

    @Override
    public Optional<Delivery> delivery(String messageSid) {
        return messages.find(messageSid).map(item -> new Delivery(Item.string(item, "status").orElse("unknown"),
                Optional.of(messageSid), Item.string(item, "errorCode")
                        .or(() -> Item.number(item, "errorCode").map(String::valueOf))));
    }

    @Override
    public Optional<Delivery> ledger(String textKey) {
        return ledger.find(textKey).map(item -> new Delivery(Item.string(item, "state").orElse("unknown"),
                Item.string(item, "sid"), Optional.empty()));
    }
}
