package dev.switchboard.shared.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An API Gateway HTTP API (payload 2.0) request, normalised: lower-case header names, the body as bytes
 * (base64 decoded when {@code isBase64Encoded}, which HTTP APIs do for form posts), and the path without
 * a named stage prefix.
 */
public final class HttpRequest {

    private final String method;
    private final String path;
    private final String rawQuery;
    private final Map<String, String> headers;
    private final byte[] body;
    private final String sourceIp;
    private final Map<String, String> pathParameters;
    private final List<String> cookies;

    public HttpRequest(String method, String path, String rawQuery, Map<String, String> headers, byte[] body,
                       String sourceIp, Map<String, String> pathParameters) {
        this(method, path, rawQuery, headers, body, sourceIp, pathParameters, List.of());
    }

    /**
     * @param cookies the request's cookies as {@code name=value} (an HTTP API moves the {@code Cookie} header
     *                there); a {@code Cookie} header among {@code headers} is read too
     */
    public HttpRequest(String method, String path, String rawQuery, Map<String, String> headers, byte[] body,
                       String sourceIp, Map<String, String> pathParameters, List<String> cookies) {
        this.method = method == null ? "" : method.toUpperCase(Locale.ROOT);
        this.path = path == null || path.isEmpty() ? "/" : path;
        this.rawQuery = rawQuery == null ? "" : rawQuery;
        Map<String, String> lower = new HashMap<>();
        if (headers != null) {
            headers.forEach((k, v) -> {
                if (k != null && v != null) {
                    lower.put(k.toLowerCase(Locale.ROOT), v);
                }
            });
        }
        this.headers = Map.copyOf(lower);
        this.body = body == null ? new byte[0] : body;
        this.sourceIp = sourceIp;
        this.pathParameters = pathParameters == null ? Map.of() : Map.copyOf(pathParameters);
        List<String> all = new ArrayList<>();
        if (cookies != null) {
            cookies.stream().filter(c -> c != null).forEach(all::add);
        }
        String header = lower.get("cookie");
        if (header != null) {
            for (String c : header.split(";")) {
                all.add(c.trim());
            }
        }
        this.cookies = List.copyOf(all);
    }

    /** Reads an HTTP API event. A body that claims to be base64 but is not gets a 400. */
    public static HttpRequest from(APIGatewayV2HTTPEvent event) {
        if (event == null) {
            throw HttpProblem.badRequest("Empty request");
        }
        APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
        String method = null;
        String sourceIp = null;
        String stage = null;
        if (context != null) {
            stage = context.getStage();
            if (context.getHttp() != null) {
                method = context.getHttp().getMethod();
                sourceIp = context.getHttp().getSourceIp();
            }
        }
        if (method == null && event.getRouteKey() != null && event.getRouteKey().contains(" ")) {
            method = event.getRouteKey().substring(0, event.getRouteKey().indexOf(' '));
        }
        String path = event.getRawPath();
        if (path != null && stage != null && !stage.equals("$default") && path.startsWith("/" + stage + "/")) {
            path = path.substring(stage.length() + 1);
        }
        byte[] body;
        String raw = event.getBody();
        if (raw == null) {
            body = new byte[0];
        } else if (event.getIsBase64Encoded()) {
            try {
                body = Base64.getDecoder().decode(raw.replaceAll("\\s", ""));
            } catch (IllegalArgumentException e) {
                throw HttpProblem.badRequest("Request body is not valid base64");
            }
        } else {
            body = raw.getBytes(StandardCharsets.UTF_8);
        }
        return new HttpRequest(method, path, event.getRawQueryString(), event.getHeaders(), body, sourceIp,
                event.getPathParameters(), event.getCookies());
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    /** The query string exactly as received, without the leading {@code ?}; empty when there is none. */
    public String rawQuery() {
        return rawQuery;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    public Map<String, String> headers() {
        return headers;
    }

    public byte[] body() {
        return body;
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The first cookie called {@code name}, when the request carries one with a value. */
    public Optional<String> cookie(String name) {
        String prefix = name + "=";
        return cookies.stream().map(String::trim).filter(c -> c.startsWith(prefix))
                .map(c -> c.substring(prefix.length()).trim()).filter(v -> !v.isEmpty()).findFirst();
    }

    public Optional<String> sourceIp() {
        return Optional.ofNullable(sourceIp);
    }

    public Optional<String> pathParameter(String name) {
        return Optional.ofNullable(pathParameters.get(name));
    }

    /** The media type of the body, lower case without parameters; empty when there is no Content-Type. */
    public String mediaType() {
        String type = header("content-type").orElse("");
        int semicolon = type.indexOf(';');
        return (semicolon >= 0 ? type.substring(0, semicolon) : type).trim().toLowerCase(Locale.ROOT);
    }

    /** The decoded query parameters (first value wins where a key repeats). */
    public Map<String, String> queryParameters() {
        return FormParameters.parse(rawQuery).firstValues();
    }

    /** Refuses any method but {@code allowed} with 405, and a body over {@code maxBodyBytes} with 413. */
    public HttpRequest require(int maxBodyBytes, String... allowed) {
        boolean ok = false;
        for (String m : allowed) {
            ok |= m.equalsIgnoreCase(method);
        }
        if (!ok) {
            throw HttpProblem.methodNotAllowed(allowed);
        }
        if (body.length > maxBodyBytes) {
            throw HttpProblem.tooLarge(maxBodyBytes);
        }
        return this;
    }
}
