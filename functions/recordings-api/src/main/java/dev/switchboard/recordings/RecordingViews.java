package dev.switchboard.recordings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.shared.storage.CallRecord;
import dev.switchboard.shared.storage.Item;
import dev.switchboard.shared.twilio.Routes;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The JSON the recordings API answers with, built with Jackson from the stored items. */
final class RecordingViews {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final List<String> TEXT_FIELDS = List.of("recordingSid", "callSid", "kind", "status", "createdAt",
            "from", "to", "line", "contentType", "archivedAt");
    private static final List<String> NUMBER_FIELDS = List.of("durationSeconds", "channels", "sizeBytes");

    private RecordingViews() {
    }

    /** One recording in the listing. */
    static ObjectNode summary(Map<String, AttributeValue> item) {
        ObjectNode node = JSON.objectNode();
        TEXT_FIELDS.forEach(f -> Item.string(item, f).ifPresent(v -> node.put(f, v)));
        NUMBER_FIELDS.forEach(f -> Item.number(item, f).ifPresent(v -> node.put(f, v)));
        node.put("archived", item.containsKey("s3Key"));
        Item.string(item, "transcriptStatus").ifPresent(v -> node.put("transcriptStatus", v));
        Item.string(item, "transcriptExcerpt").ifPresent(v -> node.put("transcriptExcerpt", v));
        Item.string(item, "recordingSid").ifPresent(sid -> node.put("href", Routes.RECORDINGS + "/" + sid));
        return node;
    }

    static ObjectNode page(List<Map<String, AttributeValue>> items, Optional<String> nextCursor) {
        ObjectNode root = JSON.objectNode();
        ArrayNode list = root.putArray("recordings");
        items.forEach(item -> list.add(summary(item)));
        nextCursor.ifPresent(c -> root.put("nextCursor", c));
        return root;
    }

    /**
     * One recording with its call, a time-limited link to the audio and the transcript.
     *
     * @param audioUrl       presigned GET of the archived audio, when archived
     * @param transcriptText the transcript read from S3, when there is one
     */
    static ObjectNode detail(Map<String, AttributeValue> item, Optional<CallRecord> call,
                             Optional<PresignedAudio> audioUrl, Optional<String> transcriptText) {
        ObjectNode node = summary(item);
        node.remove("href");
        Item.string(item, "sha256").ifPresent(v -> node.put("sha256", v));
        node.put("deletedFromTwilio", Item.flag(item, "deletedFromTwilio"));
        audioUrl.ifPresent(audio -> {
            ObjectNode a = node.putObject("audio");
            a.put("url", audio.url());
            a.put("expiresAt", audio.expiresAt());
        });
        call.ifPresent(c -> {
            ObjectNode n = node.putObject("call");
            c.status().ifPresent(v -> n.put("status", v));
            c.direction().ifPresent(v -> n.put("direction", v));
            c.dialOutcome().ifPresent(v -> n.put("dialOutcome", v));
            c.route().ifPresent(v -> n.put("route", v));
            c.createdAt().ifPresent(v -> n.put("createdAt", v));
            c.endedAt().ifPresent(v -> n.put("endedAt", v));
            c.durationSeconds().ifPresent(v -> n.put("durationSeconds", v));
            n.put("voicemailLeft", c.voicemailLeft());
        });
        if (item.containsKey("transcriptStatus") || transcriptText.isPresent()) {
            ObjectNode t = node.putObject("transcript");
            Item.string(item, "transcriptStatus").ifPresent(v -> t.put("status", v));
            Item.string(item, "transcriptEngine").ifPresent(v -> t.put("engine", v));
            Item.string(item, "transcriptLanguage").ifPresent(v -> t.put("language", v));
            Item.string(item, "transcriptExcerpt").ifPresent(v -> t.put("excerpt", v));
            Item.string(item, "transcriptSkippedReason").ifPresent(v -> t.put("skippedReason", v));
            transcriptText.ifPresent(v -> t.put("text", v));
        }
        AttributeValue extracted = item.get("extracted");
        if (extracted != null && extracted.hasM()) {
            node.set("extracted", json(extracted));
        }
        return node;
    }

    /** Any DynamoDB value as JSON. */
    static JsonNode json(AttributeValue value) {
        if (value.s() != null) {
            return JSON.textNode(value.s());
        }
        if (value.n() != null) {
            return JSON.numberNode(new BigDecimal(value.n()));
        }
        if (value.bool() != null) {
            return JSON.booleanNode(value.bool());
        }
        if (value.hasM()) {
            ObjectNode node = JSON.objectNode();
            value.m().forEach((k, v) -> node.set(k, json(v)));
            return node;
        }
        if (value.hasL()) {
            ArrayNode node = JSON.arrayNode();
            value.l().forEach(v -> node.add(json(v)));
            return node;
        }
        if (value.hasSs()) {
            ArrayNode node = JSON.arrayNode();
            value.ss().forEach(node::add);
            return node;
        }
        return JSON.nullNode();
    }

    record PresignedAudio(String url, String expiresAt) {
    }
}
