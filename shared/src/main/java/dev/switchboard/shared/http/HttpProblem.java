package dev.switchboard.shared.http;

import java.util.Map;

/**
 * A request the function refuses, with the 4xx status and the short message the client gets. Thrown
 * before anything is written, and turned into a response by the handler.
 */
public class HttpProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient Map<String, String> headers;

    public HttpProblem(int status, String message) {
        this(status, message, Map.of());
    }

    public HttpProblem(int status, String message, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    public int status() {
        return status;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public static HttpProblem methodNotAllowed(String... allowed) {
        return new HttpProblem(405, "Method not allowed", Map.of("Allow", String.join(", ", allowed)));
    }

    public static HttpProblem tooLarge(int limitBytes) {
        return new HttpProblem(413, "Request body is larger than " + (limitBytes / 1024) + " KiB");
    }

    /**
     * 401 with a bearer challenge: {@code WWW-Authenticate: Bearer realm="<realm>"}, and
     * {@code , error="<error>"} when {@code error} is not null (RFC 6750: {@code invalid_token},
     * {@code invalid_request}).
     */
    public static HttpProblem bearerChallenge(String realm, String error) {
        String challenge = "Bearer realm=\"" + realm + "\"" + (error == null ? "" : ", error=\"" + error + "\"");
        return new HttpProblem(401, "Unauthorized", Map.of("WWW-Authenticate", challenge));
    }

    public static HttpProblem badRequest(String message) {
        return new HttpProblem(400, message);
    }

    /** The plain-text response for this problem. */
    public com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse toResponse() {
        return HttpResponses.text(status, getMessage(), headers);
    }
}
