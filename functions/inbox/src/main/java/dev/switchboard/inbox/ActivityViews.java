package dev.switchboard.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.shared.activity.ActivityIndex;
import dev.switchboard.shared.storage.Item;
import dev.switchboard.shared.storage.Table;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An activity event (a call, text or quote item) as the inbox API shows it. Items written with the feed
 * fields ({@code actType}, {@code actAt}, {@code actLine}, {@code actDirection}, {@code actContact},
 * {@code actSentBy}, {@code actSummary}) are read as they are; older items without them are read from the
 * attributes they always had, so they still show.
 */
public final class ActivityViews {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ActivityViews() {
    }

    /** The public id of an event ({@code CALL-CA123} for {@code CALL#CA123}, as the activity index names it). */
    public static String id(String eventPk) {
        return ActivityIndex.idOf(eventPk);
    }

    /** The event's partition key for a public id; empty for anything that is not one of a call, text or quote. */
    public static Optional<String> eventPk(String id) {
        return ActivityIndex.eventPkOf(id).filter(pk -> pk.startsWith("CALL#") || pk.startsWith("MSG#")
                || pk.startsWith("LEAD#"));
    }

    /** The type: {@code call}, {@code voicemail}, {@code text} or {@code quote}. */
    public static String type(Map<String, AttributeValue> item) {
        Optional<String> declared = Item.string(item, "actType");
        if (declared.isPresent()) {
            return declared.get();
        }
        String pk = Item.string(item, Table.PK).orElse("");
        if (pk.startsWith("MSG#")) {
            return "text";
        }
        if (pk.startsWith("LEAD#")) {
            return "quote";
        }
        return Item.flag(item, "voicemailLeft") ? "voicemail" : "call";
    }

    public static String direction(Map<String, AttributeValue> item) {
        return Item.string(item, "actDirection").or(() -> Item.string(item, "direction"))
                .map(d -> d.startsWith("outbound") ? "outbound" : "inbound").orElse("inbound");
    }

    /** The customer's number. */
    public static Optional<String> contact(Map<String, AttributeValue> item) {
        Optional<String> declared = Item.string(item, "actContact");
        if (declared.isPresent()) {
            return declared;
        }
        if (Item.string(item, Table.PK).orElse("").startsWith("LEAD#")) {
            return Optional.ofNullable(item.get("contact")).filter(AttributeValue::hasM)
                    .flatMap(c -> Item.string(c.m(), "phone"));
        }
        return "outbound".equals(direction(item)) ? Item.string(item, "to") : Item.string(item, "from");
    }

    public static Optional<String> line(Map<String, AttributeValue> item) {
        return Item.string(item, "actLine").or(() -> {
            Optional<String> line = Item.string(item, "line").filter(l -> l.startsWith("+"));
            if (line.isPresent()) {
                return line;
            }
            if (Item.string(item, Table.PK).orElse("").startsWith("LEAD#")) {
                return Optional.empty();
            }
            return "outbound".equals(direction(item)) ? Item.string(item, "from") : Item.string(item, "to");
        });
    }

    public static Optional<String> at(Map<String, AttributeValue> item) {
        return Item.string(item, "actAt").or(() -> Item.string(item, "createdAt"));
    }

    /** A call nobody answered (and no voicemail). */
    public static boolean missed(Map<String, AttributeValue> item) {
        Optional<String> category = Item.string(item, "actCategory");
        if (category.isPresent()) {
            return category.get().equals("missed");
        }
        if (!"call".equals(type(item)) || "outbound".equals(direction(item))) {
            return false;
        }
        Optional<String> outcome = Item.string(item, "dialOutcome");
        if (outcome.isPresent()) {
            return !"answered".equals(outcome.get());
        }
        return Item.string(item, "route").filter(r -> !r.equals("forwarded")).isPresent()
                || Item.string(item, "status").filter(s -> s.equals("no-answer") || s.equals("busy")).isPresent();
    }

    /**
     * One feed item.
     *
     * @param name       the contact's name, when known
     * @param needsReply whether it waits for the business to call or text back
     */
    public static ObjectNode item(Map<String, AttributeValue> item, Optional<String> name, boolean needsReply) {
        String type = type(item);
        ObjectNode node = NODES.objectNode();
        node.put("id", id(Item.string(item, Table.PK).orElse("")));
        node.put("type", type);
        node.put("at", at(item).orElse(null));
        node.put("line", line(item).orElse(null));
        node.put("direction", direction(item));
        ObjectNode contact = node.putObject("contact");
        contact.put("phone", contact(item).orElse(null));
        contact.put("name", name.or(() -> leadName(item)).orElse(null));
        node.put("summary", Item.string(item, "actSummary").orElseGet(() -> summary(item, type)));
        node.put("needsReply", needsReply);
        switch (type) {
            case "call" -> {
                node.put("status", Item.string(item, "status").orElse(null));
                node.put("missed", missed(item));
                duration(item, "duration", "dialCallDuration", "durationSeconds").ifPresent(v -> node.put("durationSeconds", v));
            }
            case "voicemail" -> {
                duration(item, "voicemailDuration", "durationSeconds").ifPresent(v -> node.put("durationSeconds", v));
                node.put("transcriptExcerpt", Item.string(item, "transcriptExcerpt").orElse(null));
            }
            case "text" -> {
                node.put("body", Item.string(item, "body").orElse(null));
                node.put("status", Item.string(item, "status").orElse(null));
                node.put("sentBy", Item.string(item, "actSentBy").orElse(null));
            }
            case "quote" -> {
                node.put("service", Item.string(item, "service").orElse(null));
                node.set("vehicle", vehicle(item));
                node.set("estimate", estimate(item));
            }
            default -> {
            }
        }
        return node;
    }

    private static Optional<String> leadName(Map<String, AttributeValue> item) {
        return Optional.ofNullable(item.get("contact")).filter(AttributeValue::hasM).flatMap(c -> Item.string(c.m(), "name"));
    }

    private static Optional<Long> duration(Map<String, AttributeValue> item, String... names) {
        for (String name : names) {
            Optional<Long> value = Item.number(item, name);
            if (value.isPresent()) {
                return value;
            }
        }
        return Optional.empty();
    }

    private static JsonNode vehicle(Map<String, AttributeValue> item) {
        AttributeValue v = item.get("vehicle");
        if (v == null) {
            return NODES.nullNode();
        }
        if (v.s() != null) {
            return NODES.textNode(v.s());
        }
        return json(v);
    }

    private static JsonNode estimate(Map<String, AttributeValue> item) {
        AttributeValue v = item.get("estimate");
        return v == null ? NODES.nullNode() : json(v);
    }

    /** A one-line summary for items written before the feed fields. */
    static String summary(Map<String, AttributeValue> item, String type) {
        String in = "outbound".equals(direction(item)) ? "Outgoing" : "Incoming";
        return switch (type) {
            case "voicemail" -> "Voicemail" + Item.number(item, "voicemailDuration").map(s -> " (" + s + " s)").orElse("")
                    + Item.string(item, "transcriptExcerpt").map(t -> ": " + t).orElse("");
            case "text" -> in + " text: " + Item.string(item, "body").orElse("");
            case "quote" -> "Quote request: " + Item.string(item, "service").orElse("service not given");
            default -> missed(item) ? "Missed call" : in + " call"
                    + duration(item, "duration", "dialCallDuration").map(s -> " (" + s / 60 + " min " + s % 60 + " s)").orElse("");
        };
    }

    /** Any attribute value as JSON. */
    static JsonNode json(AttributeValue value) {
        if (value.s() != null) {
            return NODES.textNode(value.s());
        }
        if (value.n() != null) {
            return NODES.numberNode(new BigDecimal(value.n()));
        }
        if (value.bool() != null) {
            return NODES.booleanNode(value.bool());
        }
        if (value.hasM()) {
            ObjectNode node = NODES.objectNode();
            value.m().forEach((k, v) -> node.set(k, json(v)));
            return node;
        }
        if (value.hasL()) {
            ArrayNode array = NODES.arrayNode();
            value.l().forEach(v -> array.add(json(v)));
            return array;
        }
        if (value.hasSs()) {
            ArrayNode array = NODES.arrayNode();
            value.ss().forEach(array::add);
            return array;
        }
        return NODES.nullNode();
    }
}
