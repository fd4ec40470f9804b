package dev.switchboard.crm.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.switchboard.shared.json.Json;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Rukovoditel installation's {@code api/rest.php} on WireMock, built from its documented shapes
 * (docs.rukovoditel.net "API"; the checks and messages of {@code api/rest.php} in Rukovoditel's source):
 * every request is a form POST with {@code key}, {@code username}, {@code password}, {@code action} and
 * {@code entity_id}; a disabled API answers {@code API is not enabled}, a wrong key
 * {@code API Key mismatch} (HTTP 200, JSON {@code status=error}); {@code insert} stores
 * {@code items[0][field_<id>]} and answers {@code {"status":"success","data":{"id":N}}}; {@code update}
 * changes {@code data[field_<id>]} of {@code update_by_field[id]}; {@code select} answers the records
 * whose {@code filters[<id>][value]} field contains the value, custom fields keyed by bare id. The records
 * live in memory, so tests can count them.
 *
 * <p>As a real installation behaves (tried against one): the REST API is part of the paid Rukovoditel
 * Extension, and without it {@code api/rest.php} dies with a PHP fatal error ({@link #withoutExtension}); an
 * {@code update} of a record deleted in the CRM still answers success, with an empty id
 * ({@link #deleteRecord}); text is stored as 3-byte UTF-8 (MySQL {@code utf8}), so every character outside the
 * BMP, an emoji, is stored as {@code ????}.
 */
public final class FakeRukovoditel implements AutoCloseable {

    public static final String PATH = "/crm/api/rest.php";
    public static final int ENTITY_ID = 34;

    private final WireMockServer server;
    private final Deque<ResponseDefinition> scripted = new ArrayDeque<>();
    private final TreeMap<Long, Map<String, String>> records = new TreeMap<>();
    private final List<Map<String, String>> requests = new ArrayList<>();
    private final List<String> rawBodies = new ArrayList<>();
    private volatile String apiKey;
    private volatile String username;
    private volatile String password;
    private volatile boolean apiEnabled = true;
    private volatile Boolean extensionMissingWithErrorsDisplayed;
    private volatile Duration insertAnswerDelay;
    private long nextId = 101;

    public FakeRukovoditel(String apiKey, String username, String password) {
        this.apiKey = apiKey;
        this.username = username;
        this.password = password;
        server = new WireMockServer(wireMockConfig().dynamicPort().extensions(new Api()));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(404)));
    }

    public String apiUrl() {
        return server.baseUrl() + PATH;
    }

    public WireMockServer server() {
        return server;
    }

    /** The records in the leads entity, by item id: field id (bare, as a select returns them) to value. */
    public synchronized Map<Long, Map<String, String>> records() {
        Map<Long, Map<String, String>> copy = new TreeMap<>();
        records.forEach((id, fields) -> copy.put(id, Map.copyOf(fields)));
        return copy;
    }

    /** Every request received, decoded ({@code items[0][field_201]} as one key), in order. */
    public synchronized List<Map<String, String>> requests() {
        return List.copyOf(requests);
    }

    public synchronized List<String> rawBodies() {
        return List.copyOf(rawBodies);
    }

    public synchronized List<Map<String, String>> requests(String action) {
        return requests.stream().filter(r -> action.equals(r.get("action"))).toList();
    }

    /** The next {@code times} requests (any action) get this answer instead, and change nothing. */
    public synchronized void failNext(int times, int status, String contentType, String body) {
        for (int i = 0; i < times; i++) {
            scripted.add(ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                    .withHeader("Content-Type", contentType).withBody(body).build());
        }
    }

    /** The next insert is saved, but its answer takes {@code delay}: a client with a shorter timeout never sees it. */
    public void answerNextInsertAfter(Duration delay) {
        insertAnswerDelay = delay;
    }

    public void disableApi() {
        apiEnabled = false;
    }

    /**
     * No Rukovoditel Extension: {@code api/rest.php} dies with a PHP fatal error, which PHP answers with a 500
     * and an empty body, or, when the installation displays errors, with a 200 HTML page naming the missing
     * file under {@code plugins/ext}.
     */
    public void withoutExtension(boolean errorsDisplayed) {
        extensionMissingWithErrorsDisplayed = errorsDisplayed;
    }

    /** Someone deleted the record in the CRM's web interface. */
    public synchronized void deleteRecord(long id) {
        records.remove(id);
    }

    public void changeApiKey(String newKey) {
        apiKey = newKey;
    }

    @Override
    public void close() {
        server.stop();
    }

    public static String error(String message) {
        return "{\"status\":\"error\",\"error_code\":\"\",\"error_message\":\"" + message + "\"}";
    }

    private final class Api implements ResponseDefinitionTransformerV2 {

        @Override
        public String getName() {
            return "fake-rukovoditel";
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            if (!event.getRequest().getUrl().startsWith(PATH) || !"POST".equals(event.getRequest().getMethod().getName())) {
                return event.getResponseDefinition();
            }
            String raw = event.getRequest().getBodyAsString();
            Map<String, String> form = decode(raw);
            synchronized (FakeRukovoditel.this) {
                requests.add(form);
                rawBodies.add(raw);
                ResponseDefinition next = scripted.poll();
                if (next != null) {
                    return next;
                }
                Boolean errorsDisplayed = extensionMissingWithErrorsDisplayed;
                if (errorsDisplayed != null) {
                    return errorsDisplayed
                            ? ResponseDefinitionBuilder.responseDefinition().withStatus(200)
                                    .withHeader("Content-Type", "text/html; charset=UTF-8")
                                    .withBody("<br />\n<b>Warning</b>:  require(plugins/ext/classes/api.php): Failed to open"
                                            + " stream: No such file or directory in <b>/var/www/html/api/rest.php</b> on line"
                                            + " <b>12</b><br />\n<br />\n<b>Fatal error</b>:  Uncaught Error: Failed opening"
                                            + " required 'plugins/ext/classes/api.php' in /var/www/html/api/rest.php:12")
                                    .build()
                            : ResponseDefinitionBuilder.responseDefinition().withStatus(500)
                                    .withHeader("Content-Type", "text/html; charset=UTF-8").build();
                }
                if (!apiEnabled) {
                    return json(error("API is not enabled"));
                }
                if (!apiKey.equals(form.get("key"))) {
                    return json(error("API Key mismatch"));
                }
                if (!username.equals(form.get("username")) || !password.equals(form.get("password"))) {
                    return json(error("No match for Username and/or Password"));
                }
                if (!Integer.toString(ENTITY_ID).equals(form.get("entity_id"))) {
                    return json(error("Entity #" + form.get("entity_id") + " does not exist"));
                }
                return switch (String.valueOf(form.get("action"))) {
                    case "insert" -> insert(form);
                    case "update" -> update(form);
                    case "select" -> select(form);
                    default -> json(error("Action " + form.get("action") + " not found"));
                };
            }
        }

        private ResponseDefinition insert(Map<String, String> form) {
            Map<String, String> fields = new LinkedHashMap<>();
            form.forEach((key, value) -> {
                if (key.startsWith("items[0][field_")) {
                    fields.put(key.substring("items[0][field_".length(), key.length() - 1), utf8mb3(value));
                }
            });
            long id = nextId++;
            records.put(id, fields);
            ResponseDefinitionBuilder answer = ResponseDefinitionBuilder.responseDefinition().withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"status\":\"success\",\"data\":{\"id\":" + id + "}}");
            Duration delay = insertAnswerDelay;
            if (delay != null) {
                insertAnswerDelay = null;
                answer.withFixedDelay((int) delay.toMillis());
            }
            return answer.build();
        }

        private ResponseDefinition update(Map<String, String> form) {
            String id = form.get("update_by_field[id]");
            Map<String, String> record = id == null || !id.matches("[0-9]+") ? null : records.get(Long.parseLong(id));
            if (record == null) {
                // What a real installation answers for an item that no longer exists: success, no id.
                return json("{\"status\":\"success\",\"data\":{\"id\":\"\"}}");
            }
            form.forEach((key, value) -> {
                if (key.startsWith("data[field_")) {
                    record.put(key.substring("data[field_".length(), key.length() - 1), utf8mb3(value));
                }
            });
            return json("{\"status\":\"success\",\"data\":[]}");
        }

        private ResponseDefinition select(Map<String, String> form) {
            String filterField = null;
            String filterValue = null;
            for (Map.Entry<String, String> entry : form.entrySet()) {
                if (entry.getKey().startsWith("filters[") && entry.getKey().endsWith("][value]")) {
                    filterField = entry.getKey().substring("filters[".length(), entry.getKey().length() - "][value]".length());
                    filterValue = entry.getValue();
                }
            }
            List<String> selected = form.containsKey("select_fields")
                    ? List.of(form.get("select_fields").split(",")) : null;
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Map.Entry<Long, Map<String, String>> record : records.entrySet()) {
                if (filterField != null && !record.getValue().getOrDefault(filterField, "").contains(filterValue)) {
                    continue;
                }
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", record.getKey());
                row.put("date_added", "11/23/2026 10:42");
                row.put("created_by", username);
                record.getValue().forEach((field, value) -> {
                    if (selected == null || selected.contains(field)) {
                        row.put(field, value);
                    }
                });
                rows.add(row);
            }
            rows.sort(Comparator.comparing(r -> (Long) r.get("id")));
            return json(Json.write(Map.of("status", "success", "data", rows)));
        }

        private ResponseDefinition json(String body) {
            return ResponseDefinitionBuilder.responseDefinition().withStatus(200)
                    .withHeader("Content-Type", "application/json").withBody(body).build();
        }
    }

    /** MySQL's 3-byte {@code utf8}: a character outside the BMP is stored as one '?' per UTF-8 byte. */
    static String utf8mb3(String value) {
        StringBuilder stored = new StringBuilder();
        value.codePoints().forEach(cp -> stored.append(Character.isBmpCodePoint(cp) ? String.valueOf((char) cp) : "????"));
        return stored.toString();
    }

    /** As PHP fills {@code $_POST} keys before splitting brackets: percent-decoded, '+' as space. */
    static Map<String, String> decode(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return form;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            form.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return form;
    }
}
