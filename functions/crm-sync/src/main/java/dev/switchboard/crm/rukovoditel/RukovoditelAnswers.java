package dev.switchboard.crm.rukovoditel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.shared.http.RetryAfter;
import dev.switchboard.shared.json.Json;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads answers of Rukovoditel's {@code api/rest.php}. Rukovoditel answers HTTP 200 for its own errors,
 * with a JSON body whose {@code status} is not {@code success} (its {@code api/rest.php} answers
 * {@code API Key mismatch} and {@code API is not enabled} this way); success is HTTP 200 with
 * {@code "status":"success"} and, for an insert, the new item's {@code data.id}. Anything else — an
 * error status, a body that is not JSON (an HTML login or error page), a 4xx — is a failure; 5xx, 408 and
 * 429 are worth retrying, the rest need a person.
 *
 * <p>The REST API is part of the paid Rukovoditel Extension. Without it {@code api/rest.php} dies with a PHP
 * fatal error: HTTP 500 with an empty body, or, where PHP displays errors, a page naming a file under
 * {@code plugins/ext} ({@link #extensionMissing}).
 */
public final class RukovoditelAnswers {

    private final String keySource;
    private final String passwordSource;
    private final int entityId;
    private final Clock clock;

    /** @param clock what a {@code Retry-After} date is counted from */
    public RukovoditelAnswers(String keySource, String passwordSource, int entityId, Clock clock) {
        this.keySource = keySource;
        this.passwordSource = passwordSource;
        this.entityId = entityId;
        this.clock = clock;
    }

    static final String EXTENSION_FIX = "install the Rukovoditel Extension, which provides the REST API (without it"
            + " api/rest.php dies with a PHP fatal error), then enable the API under Extension → Tools → API; see docs/crm.md";

    /** Whether an answer is how {@code api/rest.php} fails when the Rukovoditel Extension is not installed. */
    public static boolean extensionMissing(int status, String body) {
        boolean empty = body == null || body.isBlank();
        return (status == 500 && empty) || (!empty && body.contains("plugins/ext") && parse(body).isEmpty()
                && (body.contains("Fatal error") || body.contains("Failed opening") || body.contains("No such file")));
    }

    public RukovoditelAnswer classify(int status, Optional<String> contentType, Optional<String> retryAfter, String body) {
        if (extensionMissing(status, body) && body != null && !body.isBlank()) {
            return new RukovoditelAnswer.Refused("HTTP " + status + " with a PHP error page from plugins/ext instead of"
                    + " the API's JSON: the Rukovoditel Extension is missing", EXTENSION_FIX);
        }
        if (status == 500 && (body == null || body.isBlank())) {
            return new RukovoditelAnswer.Transient("HTTP 500 with an empty body (a PHP fatal error: what api/rest.php"
                    + " answers when the Rukovoditel Extension is missing)", requestedWait(retryAfter));
        }
        if (status == 408 || status == 429 || status >= 500) {
            return new RukovoditelAnswer.Transient("HTTP " + status, requestedWait(retryAfter));
        }
        if (status >= 300 && status < 400) {
            return new RukovoditelAnswer.Refused("HTTP " + status + " (a redirect)",
                    "set CRM_API_URL to the final https address of api/rest.php; a POST is not followed through redirects");
        }
        if (status == 401 || status == 403) {
            return new RukovoditelAnswer.Refused("HTTP " + status + " before Rukovoditel answered",
                    "the web server or a firewall in front of api/rest.php refuses the worker: allow it (no HTTP login"
                            + " or IP block on the API path)");
        }
        if (status == 404) {
            return new RukovoditelAnswer.Refused("HTTP 404", "check CRM_API_URL: it must be the installation's"
                    + " api/rest.php, e.g. https://crm.example.com/api/rest.php");
        }
        if (status < 200 || status >= 300) {
            return new RukovoditelAnswer.Refused("HTTP " + status, "check CRM_API_URL and the web server's logs");
        }
        Optional<JsonNode> json = parse(body);
        if (json.isEmpty()) {
            boolean html = looksLikeHtml(contentType, body);
            return new RukovoditelAnswer.Refused("HTTP " + status + " with " + (html ? "an HTML page" : "a body that is"
                    + " not JSON") + " instead of the API's JSON", "check CRM_API_URL points at api/rest.php (not the"
                    + " web interface) and nothing in front of it asks for a login; see docs/crm.md");
        }
        JsonNode answer = json.get();
        String answerStatus = answer.path("status").asText("");
        if ("success".equalsIgnoreCase(answerStatus)) {
            return new RukovoditelAnswer.Success(answer.path("data"));
        }
        String message = errorMessage(answer);
        return new RukovoditelAnswer.Refused("Rukovoditel says '" + message + "'", fixFor(message));
    }

    /**
     * Whether an update's {@code data} says no item was updated: Rukovoditel answers an update of an item that
     * was deleted with success and an empty id ({@code {"id":""}}). An answer without an id at all is a plain
     * success.
     */
    public static boolean updatedNothing(JsonNode data) {
        JsonNode node = data != null && data.isArray() && data.size() > 0 ? data.get(0) : data;
        if (node == null || !node.isObject() || !node.has("id")) {
            return false;
        }
        JsonNode id = node.get("id");
        return id.isNull() || id.asText("").isBlank() || id.asText("").matches("0+");
    }

    /** The new item's id from an insert's {@code data}: {@code {"id":119}} (or the first of a list). */
    public static Optional<String> insertedId(JsonNode data) {
        JsonNode node = data;
        if (node != null && node.isArray() && node.size() > 0) {
            node = node.get(0);
        }
        if (node == null) {
            return Optional.empty();
        }
        JsonNode id = node.isObject() ? node.get("id") : node;
        if (id == null || id.isNull() || !(id.isIntegralNumber() || id.isTextual())) {
            return Optional.empty();
        }
        String text = id.asText().trim();
        return text.matches("[0-9]{1,19}") && !text.matches("0+") ? Optional.of(text) : Optional.empty();
    }

    String fixFor(String message) {
        String m = message.toLowerCase(Locale.ROOT);
        if (m.contains("api key")) {
            return "check " + keySource + ": it must equal the key under Extension → Tools → API in Rukovoditel";
        }
        if (m.contains("not enabled")) {
            return "enable the API in Rukovoditel: Extension → Tools → API";
        }
        if (m.contains("password") || m.contains("username") || m.contains("login") || m.contains("no match")
                || m.contains("user")) {
            return "check CRM_USERNAME and " + passwordSource + " (the dedicated API user, who must be active)";
        }
        if (m.contains("access") || m.contains("permission") || m.contains("denied") || m.contains("not allowed")) {
            return "give the API user's group access to the leads entity " + entityId + " (view, create, update)";
        }
        if (m.contains("field")) {
            return "check CRM_FIELD_MAP: every id must be a field of entity " + entityId;
        }
        if (m.contains("entit")) {
            return "check CRM_LEAD_ENTITY_ID (" + entityId + "): the leads entity's id in Rukovoditel";
        }
        return "see docs/crm.md, 'Failure modes'";
    }

    private static String errorMessage(JsonNode answer) {
        for (String name : new String[] {"error_message", "message", "error", "data"}) {
            JsonNode node = answer.get(name);
            if (node != null && node.isTextual() && !node.textValue().isBlank()) {
                return node.textValue().trim();
            }
            if (node != null && node.isObject() && node.path("message").isTextual()) {
                return node.path("message").textValue().trim();
            }
        }
        String status = answer.path("status").asText("");
        return status.isEmpty() ? "no status in the answer" : "status " + status;
    }

    /** The JSON answer; a PHP notice printed before it (HTML or text) is skipped. */
    static Optional<JsonNode> parse(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        String trimmed = body.trim();
        int start = trimmed.startsWith("{") ? 0 : trimmed.lastIndexOf("{\"status\"");
        if (start < 0) {
            return Optional.empty();
        }
        try {
            JsonNode node = Json.MAPPER.readTree(trimmed.substring(start));
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    private static boolean looksLikeHtml(Optional<String> contentType, String body) {
        String start = body == null ? "" : body.stripLeading().toLowerCase(Locale.ROOT);
        return contentType.map(t -> t.toLowerCase(Locale.ROOT).contains("html")).orElse(false)
                || start.startsWith("<!doctype html") || start.startsWith("<html");
    }

    /** A {@code Retry-After} in seconds or as a date; none when it asks for no wait. */
    private Optional<Duration> requestedWait(Optional<String> retryAfter) {
        return RetryAfter.parse(retryAfter.orElse(null), clock).filter(wait -> !wait.isZero());
    }
}
