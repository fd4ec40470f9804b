package dev.switchboard.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.switchboard.shared.logging.PhoneMask;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for the few Twilio REST calls Switchboard makes, so that a newcomer sees texts "go out"
 * with no Twilio account and no network. A fake, for local use only: it does not deliver anything, does
 * not send status callbacks, and does not check credentials beyond requiring HTTP Basic auth.
 *
 * <ul>
 *   <li>{@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json}: answers 201 with a Message resource
 *       (sid {@code SM...}, status {@code queued}) and prints {@code [twilio-sandbox] text to +1******0177: ...}
 *   <li>{@code GET .../Messages.json} (Twilio's page shape, newest first) and {@code GET .../Messages/{Sid}.json}
 *   <li>{@code GET .../Recordings/{RecordingSid}.mp3|.wav}: a bundled one-second audio file
 *   <li>{@code DELETE .../Recordings/{RecordingSid}.json}: 204
 * </ul>
 * Anything else gets Twilio's 404 error shape and a log line naming the request.
 */
public final class TwilioSandbox implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter RFC_2822 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US);
    private static final Pattern MESSAGES = Pattern.compile("^/2010-04-01/Accounts/([^/]+)/Messages\\.json$");
    private static final Pattern MESSAGE = Pattern.compile("^/2010-04-01/Accounts/([^/]+)/Messages/([^/.]+)\\.json$");
    private static final Pattern RECORDING_MEDIA =
            Pattern.compile("^/2010-04-01/Accounts/([^/]+)/Recordings/([^/.]+)\\.(mp3|wav)$");
    private static final Pattern RECORDING = Pattern.compile("^/2010-04-01/Accounts/([^/]+)/Recordings/([^/.]+)(\\.json)?$");

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Map<String, Object>> messages = new CopyOnWriteArrayList<>();

    private TwilioSandbox(HttpServer server) {
        this.server = server;
        this.executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "twilio-sandbox");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /** Binds {@code host:port} (0 = a free port) and starts serving. */
    public static TwilioSandbox start(String host, int port) {
        try {
            TwilioSandbox sandbox = new TwilioSandbox(HttpServer.create(new InetSocketAddress(host, port), 20));
            sandbox.server.start();
            return sandbox;
        } catch (IOException e) {
            throw new UncheckedIOException("The Twilio sandbox could not listen on " + host + ":" + port, e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** What functions use as {@code TWILIO_API_BASE_URL}. */
    public String baseUrl() {
        return "http://localhost:" + port();
    }

    /** The messages "sent" so far, oldest first, as the JSON Twilio returned for each. */
    public List<Map<String, Object>> messages() {
        return List.copyOf(messages);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String path = exchange.getRequestURI().getPath();
            Matcher m;
            if ((m = MESSAGES.matcher(path)).matches() && method.equals("POST")) {
                if (requireAuth(exchange)) {
                    createMessage(exchange, m.group(1));
                }
            } else if ((m = MESSAGES.matcher(path)).matches() && method.equals("GET")) {
                if (requireAuth(exchange)) {
                    listMessages(exchange, m.group(1));
                }
            } else if ((m = MESSAGE.matcher(path)).matches() && method.equals("GET")) {
                if (requireAuth(exchange)) {
                    fetchMessage(exchange, m.group(2));
                }
            } else if ((m = RECORDING_MEDIA.matcher(path)).matches() && method.equals("GET")) {
                serveRecording(exchange, m.group(3));
            } else if ((m = RECORDING.matcher(path)).matches() && method.equals("DELETE")) {
                if (requireAuth(exchange)) {
                    ConsoleLog.info("twilio-sandbox", "recording " + m.group(2) + " deleted");
                    exchange.sendResponseHeaders(204, -1);
                }
            } else {
                ConsoleLog.warn("twilio-sandbox", "no fake for " + method + " " + path + "; answering 404");
                error(exchange, 404, 20404, "The requested resource " + path + " was not found");
            }
        } catch (RuntimeException e) {
            ConsoleLog.error("twilio-sandbox", "request failed", e);
        }
    }

    private static boolean requireAuth(HttpExchange exchange) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.regionMatches(true, 0, "Basic ", 0, 6)) {
            error(exchange, 401, 20003, "Authenticate");
            return false;
        }
        return true;
    }

    private void createMessage(HttpExchange exchange, String accountSid) throws IOException {
        Map<String, String> form = parseForm(exchange.getRequestBody());
        String to = form.get("To");
        String from = form.get("From");
        String serviceSid = form.get("MessagingServiceSid");
        String body = form.getOrDefault("Body", "");
        if (to == null || to.isBlank()) {
            error(exchange, 400, 21604, "A 'To' phone number is required.");
            return;
        }
        if ((from == null || from.isBlank()) && (serviceSid == null || serviceSid.isBlank())) {
            error(exchange, 400, 21603, "A 'From' phone number is required.");
            return;
        }
        if (body.isEmpty() && !form.containsKey("MediaUrl")) {
            error(exchange, 400, 21602, "Message body is required.");
            return;
        }
        String sid = "SM" + HexFormat.of().formatHex(randomBytes(16));
        String now = RFC_2822.format(ZonedDateTime.now(ZoneOffset.UTC));
        String uri = "/2010-04-01/Accounts/" + accountSid + "/Messages/" + sid + ".json";
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("account_sid", accountSid);
        message.put("api_version", "2010-04-01");
        message.put("body", body);
        message.put("date_created", now);
        message.put("date_sent", null);
        message.put("date_updated", now);
        message.put("direction", "outbound-api");
        message.put("error_code", null);
        message.put("error_message", null);
        message.put("from", from);
        message.put("messaging_service_sid", serviceSid);
        message.put("num_media", form.containsKey("MediaUrl") ? "1" : "0");
        message.put("num_segments", String.valueOf(Math.max(1, (body.length() + 152) / 153)));
        message.put("price", null);
        message.put("price_unit", "USD");
        message.put("sid", sid);
        message.put("status", from == null || from.isBlank() ? "accepted" : "queued");
        message.put("subresource_uris", Map.of("media", uri.replace(".json", "/Media.json")));
        message.put("to", to);
        message.put("uri", uri);
        messages.add(message);
        ConsoleLog.info("twilio-sandbox", "text to " + PhoneMask.mask(to) + ": " + body);
        json(exchange, 201, message);
    }

    private void listMessages(HttpExchange exchange, String accountSid) throws IOException {
        Map<String, String> query = parseQuery(exchange.getRequestURI().getRawQuery());
        List<Map<String, Object>> newestFirst = new ArrayList<>(messages);
        java.util.Collections.reverse(newestFirst);
        newestFirst.removeIf(m -> (query.containsKey("To") && !query.get("To").equals(m.get("to")))
                || (query.containsKey("From") && !query.get("From").equals(m.get("from"))));
        int pageSize = 50;
        try {
            pageSize = Math.max(1, Math.min(1000, Integer.parseInt(query.getOrDefault("PageSize", "50"))));
        } catch (NumberFormatException ignored) {
            // Twilio's default.
        }
        List<Map<String, Object>> page = newestFirst.subList(0, Math.min(pageSize, newestFirst.size()));
        String uri = "/2010-04-01/Accounts/" + accountSid + "/Messages.json?PageSize=" + pageSize + "&Page=0";
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messages", page);
        body.put("end", Math.max(0, page.size() - 1));
        body.put("first_page_uri", uri);
        body.put("next_page_uri", null);
        body.put("page", 0);
        body.put("page_size", pageSize);
        body.put("previous_page_uri", null);
        body.put("start", 0);
        body.put("uri", uri);
        json(exchange, 200, body);
    }

    private void fetchMessage(HttpExchange exchange, String sid) throws IOException {
        for (Map<String, Object> message : messages) {
            if (sid.equals(message.get("sid"))) {
                json(exchange, 200, message);
                return;
            }
        }
        error(exchange, 404, 20404, "The requested resource /Messages/" + sid + ".json was not found");
    }

    private static void serveRecording(HttpExchange exchange, String extension) throws IOException {
        byte[] audio;
        try (InputStream in = TwilioSandbox.class.getResourceAsStream("/twilio-sandbox/recording." + extension)) {
            if (in == null) {
                throw new IOException("Bundled recording." + extension + " is missing");
            }
            audio = in.readAllBytes();
        }
        exchange.getResponseHeaders().set("Content-Type", extension.equals("mp3") ? "audio/mpeg" : "audio/x-wav");
        exchange.sendResponseHeaders(200, audio.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(audio);
        }
    }

    private static void error(HttpExchange exchange, int status, int code, String message) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", message);
        body.put("more_info", "https://www.twilio.com/docs/errors/" + code);
        body.put("status", status);
        json(exchange, status, body);
    }

    private static void json(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> parseForm(InputStream body) throws IOException {
        return parseQuery(new String(body.readAllBytes(), StandardCharsets.UTF_8));
    }

    private static Map<String, String> parseQuery(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            values.putIfAbsent(name, value);
        }
        return values;
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
