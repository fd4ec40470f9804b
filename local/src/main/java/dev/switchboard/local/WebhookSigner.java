package dev.switchboard.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.switchboard.shared.http.FormParameters;
import dev.switchboard.shared.twilio.TwilioSignature;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Signs a webhook request the way Twilio does, for {@code invoke} (sample events carry a signature made
 * with a sample token) and {@code simulate}: HMAC over {@code PUBLIC_BASE_URL + path + ?query} and the
 * decoded form parameters; for JSON bodies a {@code bodySHA256} query parameter and the URL alone.
 */
final class WebhookSigner {

    /** Paths Twilio calls, and therefore signs. */
    static final String SIGNED_PREFIX = "/twilio/";

    /** The query string to send (with {@code bodySHA256} for JSON bodies) and the signature for it. */
    record Signed(String rawQuery, String signature) {
    }

    private WebhookSigner() {
    }

    static boolean isSignedPath(String rawPath) {
        return rawPath != null && rawPath.startsWith(SIGNED_PREFIX);
    }

    static Signed sign(String authToken, String publicBaseUrl, String rawPath, String rawQuery, String contentType,
            byte[] body) {
        String base = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
        String query = rawQuery == null ? "" : rawQuery;
        String mediaType = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (mediaType.equals("application/json")) {
            query = withoutParameter(query, "bodySHA256");
            String url = base + rawPath + (query.isEmpty() ? "" : "?" + query);
            String[] signed = TwilioSignature.signJson(authToken, url, body);
            String signedQuery = signed[0].substring(signed[0].indexOf('?') + 1);
            return new Signed(signedQuery, signed[1]);
        }
        String url = base + rawPath + (query.isEmpty() ? "" : "?" + query);
        Map<String, List<String>> params = body.length == 0 ? Map.of()
                : FormParameters.parse(new String(body, StandardCharsets.UTF_8)).asMap();
        return new Signed(query, TwilioSignature.compute(authToken, url, params));
    }

    /** Re-signs an API Gateway event in place: X-Twilio-Signature and, for JSON, the query string. */
    static void resign(APIGatewayV2HTTPEvent event, String authToken, String publicBaseUrl) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (event.getHeaders() != null) {
            event.getHeaders().forEach((k, v) -> {
                if (!k.equalsIgnoreCase("x-twilio-signature")) {
                    headers.put(k, v);
                }
            });
        }
        String contentType = headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("content-type"))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        byte[] body = dev.switchboard.shared.http.HttpRequest.from(event).body();
        Signed signed = sign(authToken, publicBaseUrl, event.getRawPath(), event.getRawQueryString(), contentType, body);
        headers.put("x-twilio-signature", signed.signature());
        event.setHeaders(headers);
        String previousQuery = event.getRawQueryString() == null ? "" : event.getRawQueryString();
        if (!signed.rawQuery().equals(previousQuery)) {
            event.setRawQueryString(signed.rawQuery());
            event.setQueryStringParameters(HttpApiGateway.queryParameters(signed.rawQuery()));
        }
    }

    private static String withoutParameter(String rawQuery, String name) {
        StringBuilder out = new StringBuilder();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty() || pair.equals(name) || pair.startsWith(name + "=")) {
                continue;
            }
            out.append(out.length() == 0 ? "" : "&").append(pair);
        }
        return out.toString();
    }
}
