package dev.switchboard.local.scenarios.inbox;

import dev.switchboard.local.LocalStack;
import dev.switchboard.local.TwilioSandbox;
import dev.switchboard.local.scenarios.LocalScenario;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local stack as the inbox scenarios use it: the real template with the Twilio sandbox (texts and calls
 * are recorded, nothing leaves), two staff members and one line, and the helpers to sign in, call the API
 * with a cookie or the bearer token, and play Twilio's part in a call.
 */
final class InboxStack extends LocalScenario {

    static final String LINE = "+19045550200";
    static final String OWNER = "+19045550177";
    static final String STAFF = "+19045550178";
    /** Only the rate-limit scenario signs in as this one (its hourly allowance is used up). */
    static final String LIMITED = "+19045550179";
    static final String BUSINESS = "Mechanic St. Augustine";
    private static final AtomicLong NUMBERS = new AtomicLong(System.nanoTime() % 1_000_000);
    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

    private InboxStack(LocalStack stack) {
        super(stack);
    }

    static InboxStack start(List<String> functions, Map<String, String> extra) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("LINES", "{\"" + LINE + "\": {\"forwardTo\": \"" + OWNER + "\", \"smsFrom\": \"" + LINE
                + "\", \"callerId\": \"" + LINE + "\", \"businessName\": \"" + BUSINESS + "\", \"timeZone\": \"America/New_York\"}}");
        env.put("STAFF", "{\"" + OWNER + "\": {\"name\": \"Mike\", \"role\": \"owner\"}, \"" + STAFF
                + "\": {\"name\": \"Ann\", \"role\": \"staff\"}, \"" + LIMITED + "\": {\"name\": \"Lim\"}}");
        env.put("TWILIO_FORWARD_TO", OWNER);
        env.put("TWILIO_SMS_FROM", LINE);
        env.put("TWILIO_CALLER_ID", LINE);
        env.put("BUSINESS_NAME", BUSINESS);
        env.put("SIGNIN_CODES_PER_IP_PER_HOUR", "1000");
        env.put("SIGNIN_TRIES_PER_IP_PER_HOUR", "1000");
        env.put("SIGNIN_TRIES_PER_PHONE_PER_HOUR", "1000");
        env.put("RETRY_BASE_SECONDS", "0");
        env.put("RETRY_MAX_SECONDS", "0");
        env.putAll(extra);
        return new InboxStack(startStack(env, functions, builder -> builder.twilioSandbox(true)));
    }

    /** A fresh fictional customer number per call, so scenarios never share caps, opt-outs or timelines. */
    static String newCustomer() {
        // A number libphonenumber holds valid (+1 555 is not an area code): only valid callers are customers.
        return "+19047" + String.format("%06d", NUMBERS.incrementAndGet() % 1_000_000);
    }

    TwilioSandbox sandbox() {
        return stack.twilioSandbox().orElseThrow();
    }

    String base() {
        return stack.baseUrl();
    }

    String publicBaseUrl() {
        return stack.environment("InboxFunction").getOrDefault("PUBLIC_BASE_URL", stack.baseUrl());
    }

    /** The texts the sandbox "sent" to {@code to}, oldest first. */
    List<String> textsTo(String to) {
        return sandbox().messages().stream().filter(m -> to.equals(m.get("to"))).map(m -> String.valueOf(m.get("body")))
                .toList();
    }

    /** Asks for a code and reads it where a developer would: the sandbox's texts. */
    String code(String staff) {
        int before = textsTo(staff).size();
        Answer asked = json("POST", "/auth/code", "{\"phone\": \"" + staff + "\"}", Map.of("Origin", publicBaseUrl()));
        if (asked.status() != 202) {
            throw new AssertionError("code request: " + asked);
        }
        List<String> texts = textsTo(staff);
        if (texts.size() != before + 1) {
            throw new AssertionError("no code texted to " + staff + ": " + texts);
        }
        Matcher m = CODE.matcher(texts.get(texts.size() - 1));
        if (!m.find()) {
            throw new AssertionError("no code in " + texts.get(texts.size() - 1));
        }
        return m.group(1);
    }

    /** Signs {@code staff} in; the {@code name=value} of the session cookie. */
    String signIn(String staff) {
        String code = code(staff);
        Answer session = json("POST", "/auth/session", "{\"phone\": \"" + staff + "\", \"code\": \"" + code + "\"}",
                Map.of("Origin", publicBaseUrl()));
        if (session.status() != 204) {
            throw new AssertionError("sign-in: " + session);
        }
        String cookie = session.headers().getOrDefault("set-cookie", List.of()).get(0);
        return cookie.substring(0, cookie.indexOf(';'));
    }

    Answer json(String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        return send(request.build());
    }

    Answer withCookie(String method, String path, String body, String cookie, Map<String, String> more) {
        Map<String, String> headers = new LinkedHashMap<>(more);
        headers.put("Cookie", cookie);
        if (!method.equals("GET")) {
            headers.putIfAbsent("Origin", publicBaseUrl());
        }
        return json(method, path, body, headers);
    }

    Answer withToken(String method, String path, String body, Map<String, String> more) {
        Map<String, String> headers = new LinkedHashMap<>(more);
        headers.put("Authorization", "Bearer " + stack.recordingsToken());
        return json(method, path, body, headers);
    }

    /** A Twilio webhook to {@code pathAndQuery}, signed as Twilio signs it (the query is part of the URL). */
    Answer twilio(String pathAndQuery, Map<String, String> params) {
        return Answer.of(twilioWebhook(publicBaseUrl(), pathAndQuery, params,
                Map.of("I-Twilio-Idempotency-Token", UUID.randomUUID().toString())));
    }

    static Answer send(HttpRequest request) {
        return Answer.of(exchange(request));
    }

    static byte[] bytes(String url) {
        return download(url);
    }

    byte[] s3(String key) {
        return stack.emulators().s3().getObjectAsBytes(b -> b.bucket(stack.resources().bucketName("RecordingsBucket"))
                .key(key)).asByteArray();
    }
}
