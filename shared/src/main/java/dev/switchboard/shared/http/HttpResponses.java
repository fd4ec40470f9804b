package dev.switchboard.shared.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/** Responses in the HTTP API (payload 2.0) shape. */
public final class HttpResponses {

    private HttpResponses() {
    }

    public static APIGatewayV2HTTPResponse of(int status, String contentType, String body, Map<String, String> extra) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        headers.put("Cache-Control", "no-store");
        headers.putAll(extra);
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(headers)
                .withBody(body == null ? "" : body)
                .withIsBase64Encoded(false)
                .build();
    }

    public static APIGatewayV2HTTPResponse text(int status, String body) {
        return text(status, body, Map.of());
    }

    public static APIGatewayV2HTTPResponse text(int status, String body, Map<String, String> extra) {
        return of(status, "text/plain; charset=utf-8", body + (body.endsWith("\n") ? "" : "\n"), extra);
    }

    /** A TwiML (or other XML) document with status 200. */
    public static APIGatewayV2HTTPResponse xml(String body) {
        return of(200, "text/xml; charset=utf-8", body, Map.of());
    }

    public static APIGatewayV2HTTPResponse json(int status, String body) {
        return json(status, body, Map.of());
    }

    public static APIGatewayV2HTTPResponse json(int status, String body, Map<String, String> extra) {
        return of(status, "application/json", body, extra);
    }

    public static APIGatewayV2HTTPResponse noContent() {
        return of(204, null, "", Map.of());
    }
}
