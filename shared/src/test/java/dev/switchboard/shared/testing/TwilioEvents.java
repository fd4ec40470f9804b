package dev.switchboard.shared.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.switchboard.shared.http.FormParameters;
import dev.switchboard.shared.twilio.TwilioRequestVerifier;
import dev.switchboard.shared.twilio.TwilioSignature;
import dev.switchboard.shared.twilio.TwilioWebhook;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test fixtures: the sample events under {@code events/} (loaded with aws-lambda-java-tests) and fresh
 * HTTP API events, signed the way Twilio signs them.
 */
public final class TwilioEvents {

    /** The token and base URL the committed sample events are signed with. */
    public static final String SAMPLE_TOKEN = "sample-auth-token";
    public static final String SAMPLE_BASE_URL = "http://localhost:3000";

    private TwilioEvents() {
    }

    /** The gate of every Twilio webhook, verifying signatures made with the sample token for the sample URL. */
    public static TwilioWebhook sampleWebhook() {
        return new TwilioWebhook(new TwilioRequestVerifier(SAMPLE_BASE_URL, List.of(SAMPLE_TOKEN)), SAMPLE_BASE_URL);
    }

    /** The project root (the folder holding template.yaml), found from the working directory upwards. */
    public static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("template.yaml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("template.yaml not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    /** A sample event from {@code events/}, e.g. {@code load("incoming-call.json")}. */
    public static APIGatewayV2HTTPEvent load(String name) {
        return EventLoader.loadApiGatewayHttpEvent(projectRoot().resolve("events").resolve(name).toString());
    }

    /** The decoded form parameters of an event's body. */
    public static FormParameters params(APIGatewayV2HTTPEvent event) {
        String body = event.getBody() == null ? "" : event.getBody();
        if (event.getIsBase64Encoded()) {
            body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        }
        return FormParameters.parse(body);
    }

    /** The same event with its form parameters changed ({@code null} removes one) and signed again. */
    public static APIGatewayV2HTTPEvent with(APIGatewayV2HTTPEvent event, Map<String, String> changes, String token,
                                             String baseUrl) {
        Map<String, List<String>> params = new LinkedHashMap<>(params(event).asMap());
        changes.forEach((k, v) -> {
            if (v == null) {
                params.remove(k);
            } else {
                params.put(k, List.of(v));
            }
        });
        event.setBody(Base64.getEncoder().encodeToString(encode(params).getBytes(StandardCharsets.UTF_8)));
        event.setIsBase64Encoded(true);
        return sign(event, token, baseUrl);
    }

    /** Recomputes {@code X-Twilio-Signature} for {@code token} and {@code baseUrl}. */
    public static APIGatewayV2HTTPEvent sign(APIGatewayV2HTTPEvent event, String token, String baseUrl) {
        String query = event.getRawQueryString() == null ? "" : event.getRawQueryString();
        String url = baseUrl + event.getRawPath() + (query.isEmpty() ? "" : "?" + query);
        Map<String, String> headers = new HashMap<>(event.getHeaders() == null ? Map.of() : event.getHeaders());
        headers.put("x-twilio-signature", TwilioSignature.compute(token, url, params(event).asMap()));
        event.setHeaders(headers);
        return event;
    }

    /** A new signed form POST to {@code path}. */
    public static APIGatewayV2HTTPEvent formPost(String path, Map<String, String> params, String token, String baseUrl) {
        Map<String, List<String>> multi = new LinkedHashMap<>();
        params.forEach((k, v) -> multi.put(k, List.of(v)));
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey("POST " + path)
                .withRawPath(path)
                .withRawQueryString("")
                .withHeaders(new HashMap<>(Map.of("content-type", "application/x-www-form-urlencoded; charset=UTF-8",
                        "host", "localhost:3000")))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withStage("$default")
                        .withRequestId("test-request")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod("POST").withPath(path).withSourceIp("54.172.60.1").build())
                        .build())
                .withBody(Base64.getEncoder().encodeToString(encode(multi).getBytes(StandardCharsets.UTF_8)))
                .withIsBase64Encoded(true)
                .build();
        return sign(event, token, baseUrl);
    }

    public static String encode(Map<String, List<String>> params) {
        List<String> pairs = new ArrayList<>();
        params.forEach((k, values) -> values.forEach(v -> pairs.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(v, StandardCharsets.UTF_8))));
        return String.join("&", pairs);
    }
}
