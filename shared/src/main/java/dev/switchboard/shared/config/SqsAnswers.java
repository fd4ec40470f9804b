package dev.switchboard.shared.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.shared.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * What SQS answers a {@code SendMessage} with, made in the process while priming ({@link PrimingHttpClient}):
 * the SDK checks the MD5 of the body and of the message attributes it sent against the answer's, computed
 * as SQS computes them.
 */
final class SqsAnswers {

    private SqsAnswers() {
    }

    static byte[] sendMessage(byte[] request) {
        try {
            JsonNode sent = Json.MAPPER.readTree(request);
            ObjectNode answer = Json.MAPPER.createObjectNode();
            answer.put("MessageId", "00000000-0000-4000-8000-00000000prim");
            answer.put("MD5OfMessageBody", md5(sent.path("MessageBody").asText("").getBytes(StandardCharsets.UTF_8)));
            JsonNode attributes = sent.path("MessageAttributes");
            if (attributes.isObject() && attributes.size() > 0) {
                answer.put("MD5OfMessageAttributes", attributesMd5(attributes));
            }
            return Json.MAPPER.writeValueAsBytes(answer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SQS's digest of message attributes: each, sorted by name, as length-prefixed name, type, kind and value. */
    private static String attributesMd5(JsonNode attributes) {
        Map<String, JsonNode> sorted = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = attributes.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            sorted.put(e.getKey(), e.getValue());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        sorted.forEach((name, value) -> {
            lengthPrefixed(out, name.getBytes(StandardCharsets.UTF_8));
            lengthPrefixed(out, value.path("DataType").asText().getBytes(StandardCharsets.UTF_8));
            if (value.has("StringValue")) {
                out.write(1);
                lengthPrefixed(out, value.get("StringValue").asText().getBytes(StandardCharsets.UTF_8));
            } else if (value.has("BinaryValue")) {
                out.write(2);
                lengthPrefixed(out, Base64.getDecoder().decode(value.get("BinaryValue").asText()));
            }
        });
        return md5(out.toByteArray());
    }

    private static void lengthPrefixed(ByteArrayOutputStream out, byte[] bytes) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
        out.writeBytes(bytes);
    }

    private static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
