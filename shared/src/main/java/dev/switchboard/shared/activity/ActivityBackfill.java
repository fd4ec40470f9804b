package dev.switchboard.shared.activity;

import dev.switchboard.shared.phone.E164;
import dev.switchboard.shared.storage.Item;
import dev.switchboard.shared.storage.Table;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Files the calls, texts and quotes written before the activity index existed (items without {@code actAt})
 * in it, as their writers do now: a text in or out ({@code MSG#}, not the alerts and notices to staff), an
 * ended inbound call ({@code CALL#}: answered, missed or voicemail) and a quote ({@code LEAD#}). Nothing old
 * is marked as waiting for a reply. Idempotent: an item already filed is skipped, and filing again changes
 * nothing. Run once after the deployment ({@code switchboard-tools backfill-activity}).
 */
public final class ActivityBackfill {

    /** What one run did. */
    public record Result(int scanned, int filed, int skipped) {
    }

    private final Table table;
    private final ActivityIndex index;

    public ActivityBackfill(Table table) {
        this.table = table;
        this.index = new ActivityIndex(table);
    }

    /**
     * Scans the table and files every event not filed yet.
     *
     * @param dryRun  count only
     * @param progress told each event filed (or that would be), e.g. {@code CALL#CA123 missed}
     */
    public Result run(boolean dryRun, Consumer<String> progress) {
        int scanned = 0;
        int filed = 0;
        int skipped = 0;
        Map<String, AttributeValue> start = null;
        do {
            ScanRequest.Builder scan = ScanRequest.builder().tableName(table.name())
                    .filterExpression("(begins_with(#pk, :msg) OR begins_with(#pk, :call) OR begins_with(#pk, :lead))"
                            + " AND attribute_not_exists(actAt)")
                    .expressionAttributeNames(Map.of("#pk", Table.PK))
                    .expressionAttributeValues(Map.of(":msg", Item.s("MSG#"), ":call", Item.s("CALL#"),
                            ":lead", Item.s("LEAD#")));
            if (start != null) {
                scan.exclusiveStartKey(start);
            }
            ScanResponse page = table.client().scan(scan.build());
            for (Map<String, AttributeValue> item : page.items()) {
                scanned++;
                Optional<ActivityEvent> event = eventOf(item);
                if (event.isEmpty()) {
                    skipped++;
                    continue;
                }
                if (!dryRun) {
                    index.record(event.get());
                }
                progress.accept(event.get().eventPk() + " " + event.get().category().wireName());
                filed++;
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return new Result(scanned, filed, skipped);
    }

    /** The event an old item is, or empty when it is none (a staff alert, an unknown caller, a bad date). */
    static Optional<ActivityEvent> eventOf(Map<String, AttributeValue> item) {
        String pk = item.get(Table.PK).s();
        String sk = item.get(Table.SK).s();
        Optional<Instant> at = Item.string(item, "createdAt").flatMap(ActivityBackfill::instant);
        if (at.isEmpty()) {
            return Optional.empty();
        }
        if (pk.startsWith("MSG#") && "MSG".equals(sk)) {
            boolean inbound = Item.string(item, "direction").filter("inbound"::equals).isPresent();
            String kind = Item.string(item, "kind").orElse("");
            if (kind.startsWith("alert-") || kind.equals("relay-notice") || kind.equals("owner-forward")) {
                return Optional.empty();
            }
            if (inbound && !Item.string(item, "keyword").orElse("none").equals("none")) {
                return Optional.empty();
            }
            Optional<String> contact = Item.string(item, inbound ? "from" : "to").filter(E164::isE164);
            Optional<String> line = Item.string(item, "line").or(() -> Item.string(item, inbound ? "to" : "from"));
            if (contact.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(inbound
                    ? ActivityEvent.inbound(pk, sk, contact.get(), line.orElse("unknown"), at.get(),
                            ActivityEvent.Category.TEXT, false)
                    : ActivityEvent.outbound(pk, sk, contact.get(), line.orElse("unknown"), at.get(),
                            ActivityEvent.Category.TEXT, Item.string(item, "sentBy")));
        }
        if (pk.startsWith("CALL#") && "CALL".equals(sk)) {
            Optional<String> caller = Item.string(item, "from").filter(E164::isE164);
            if (caller.isEmpty() || Item.string(item, "endedAt").isEmpty()
                    || Item.string(item, "direction").filter(d -> !d.startsWith("inbound")).isPresent()) {
                return Optional.empty();
            }
            ActivityEvent.Category category = Item.flag(item, "dialAnswered") ? ActivityEvent.Category.CALL
                    : Item.flag(item, "voicemailLeft") ? ActivityEvent.Category.VOICEMAIL : ActivityEvent.Category.MISSED;
            String line = Item.string(item, "line").or(() -> Item.string(item, "to")).orElse("unknown");
            return Optional.of(ActivityEvent.inbound(pk, sk, caller.get(), line, at.get(), category, false));
        }
        if (pk.startsWith("LEAD#")) {
            AttributeValue contact = item.get("contact");
            Optional<String> phone = contact != null && contact.hasM() && contact.m().get("phone") != null
                    ? Optional.ofNullable(contact.m().get("phone").s()).filter(E164::isE164) : Optional.empty();
            if (phone.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(ActivityEvent.inbound(pk, sk, phone.get(), Item.string(item, "line").orElse("unknown"),
                    at.get(), ActivityEvent.Category.QUOTE, false));
        }
        return Optional.empty();
    }

    private static Optional<Instant> instant(String value) {
        try {
            return Optional.of(Instant.parse(value));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
