package dev.switchboard.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Makes a sample event (signed with the sample token, carrying a sample bearer token) pass the local stack's
 * checks: a Twilio signature made with the local auth token for {@code /twilio/*} routes, and the local
 * recordings token in place of any bearer token.
 */
final class LocalCredentials {

    private final String authToken;
    private final String recordingsToken;
    private final String publicBaseUrl;

    LocalCredentials(String authToken, String recordingsToken, String publicBaseUrl) {
        this.authToken = authToken;
        this.recordingsToken = recordingsToken;
        this.publicBaseUrl = publicBaseUrl;
    }

    /** The tokens and base URL a function was constructed with. */
    static LocalCredentials of(Map<String, String> functionEnvironment) {
        return new LocalCredentials(functionEnvironment.get("TWILIO_AUTH_TOKEN"),
                functionEnvironment.get("RECORDINGS_TOKEN"), functionEnvironment.get("PUBLIC_BASE_URL"));
    }

    /** Changes {@code event} in place; returns what it changed, one line each. */
    List<String> apply(APIGatewayV2HTTPEvent event) {
        List<String> changes = new ArrayList<>();
        if (bearer(event.getHeaders()) && recordingsToken != null) {
            Map<String, String> headers = new LinkedHashMap<>();
            event.getHeaders().forEach((name, value) -> headers.put(name,
                    name.equalsIgnoreCase("authorization") ? "Bearer " + recordingsToken : value));
            event.setHeaders(headers);
            changes.add("put the local recordings token in the bearer Authorization header");
        }
        if (WebhookSigner.isSignedPath(event.getRawPath()) && authToken != null && publicBaseUrl != null) {
            WebhookSigner.resign(event, authToken, publicBaseUrl);
            changes.add("re-signed the event with the local auth token");
        }
        return changes;
    }

    /** Whether the headers carry {@code Authorization: Bearer ...}. */
    static boolean bearer(Map<String, String> headers) {
        return headers != null && headers.entrySet().stream().anyMatch(h -> h.getKey().equalsIgnoreCase("authorization")
                && h.getValue() != null && h.getValue().toLowerCase(Locale.ROOT).startsWith("bearer "));
    }
}
