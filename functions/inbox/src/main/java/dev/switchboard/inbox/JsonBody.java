package dev.switchboard.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.shared.http.HttpProblem;
import dev.switchboard.shared.http.HttpRequest;
import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.phone.PhoneNumbers;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A JSON request body, read strictly: an object, known fields only, each of the right type; else a 400. */
final class JsonBody {

    private final ObjectNode node;

    private JsonBody(ObjectNode node) {
        this.node = node;
    }

    static JsonBody parse(HttpRequest request, Set<String> fields) {
        String type = request.mediaType();
        if (!type.isEmpty() && !type.equals("application/json")) {
            throw problem(415, null, "Send JSON (Content-Type: application/json)");
        }
        JsonNode root;
        try {
            root = request.body().length == 0 ? null : Json.MAPPER.readTree(request.body());
        } catch (IOException e) {
            throw problem(400, null, "The body is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw problem(400, null, "The body must be a JSON object");
        }
        var names = root.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw problem(400, name, "Unknown field");
            }
        }
        return new JsonBody((ObjectNode) root);
    }

    Optional<String> text(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw problem(400, field, "Must be a string");
        }
        return Optional.of(value.asText());
    }

    String requiredText(String field) {
        return text(field).filter(v -> !v.isBlank()).orElseThrow(() -> problem(400, field, "Required"));
    }

    /** A phone number in any format a person types; E.164 out, or a 400 naming the field. */
    Optional<String> phone(String field) {
        return text(field).map(raw -> phone(field, raw));
    }

    static String phone(String field, String raw) {
        return PhoneNumbers.possibleE164(raw, PhoneNumbers.DEFAULT_REGION)
                .orElseThrow(() -> problem(400, field, "Not a phone number"));
    }

    /** A 4xx with a JSON body {@code {"error", "field", "message"}}. */
    static HttpProblem problem(int status, String field, String message) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("error", status == 400 ? "invalid_request" : status == 415 ? "unsupported_media_type" : "error");
        if (field != null) {
            body.put("field", field);
        }
        body.put("message", message);
        return new HttpProblem(status, Json.write(body), Map.of("Content-Type", "application/json"));
    }

    static HttpProblem error(int status, String error) {
        return new HttpProblem(status, "{\"error\":\"" + error + "\"}", Map.of("Content-Type", "application/json"));
    }
}
