package dev.switchboard.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.switchboard.emulators.AwsEmulators;
import dev.switchboard.emulators.HttpApiRoute;
import dev.switchboard.emulators.IntrinsicResolver;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The HTTP API in front of the functions: turns each request into the payload-2.0 event an HTTP API hands
 * to Lambda, invokes the route's function in-process and writes its {@link APIGatewayV2HTTPResponse} back.
 *
 * <p>As an HTTP API does: header names lower-cased, repeated headers comma-joined, cookies moved to
 * {@code cookies}, bodies base64-encoded unless their content type is text, JSON, XML or JavaScript,
 * 413 over 10 MB, and {@code {"message":"Internal Server Error"}} when the function throws or returns
 * nothing usable. Unlike an HTTP API (which answers 404), a known path with another method gets 405 with
 * an {@code Allow} header, which is more helpful locally.
 */
final class HttpApiGateway implements AutoCloseable {

    static final int MAX_BODY_BYTES = 10 * 1024 * 1024;
    /** Requests handled at once; more wait for a thread (the server's backlog holds their connections). */
    static final int MAX_REQUESTS_IN_FLIGHT = 64;
    private static final long MAX_DRAIN_BYTES = 64L * 1024 * 1024;
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpServer server;
    private final RouteTable routes;
    private final Function<String, LambdaFunction> functions;
    private final ExecutorService executor;

    /** @param server bound but not started; the gateway owns and stops it */
    HttpApiGateway(HttpServer server, List<HttpApiRoute> routes, Function<String, LambdaFunction> functions) {
        this.server = server;
        this.routes = new RouteTable(routes);
        this.functions = functions;
        AtomicInteger threads = new AtomicInteger();
        // One thread per request in flight: a request waiting for a free function instance holds its thread.
        ThreadPoolExecutor pool = new ThreadPoolExecutor(MAX_REQUESTS_IN_FLIGHT, MAX_REQUESTS_IN_FLIGHT, 30,
                TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "http-api-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        this.executor = pool;
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    void start() {
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        long start = System.nanoTime();
        String requestId = newRequestId();
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String rawPath = exchange.getRequestURI().getRawPath();
        String target = method + " " + rawPath;
        try {
            byte[] body = readBody(exchange);
            if (body == null) {
                sendError(exchange, 413, "Request Entity Too Large", requestId, Map.of());
                log(target, "-", 413, start);
                return;
            }
            Optional<Object> match = routes.match(method, rawPath);
            if (match.isEmpty()) {
                sendError(exchange, 404, "Not Found", requestId, Map.of());
                log(target, "no route", 404, start);
                return;
            }
            if (match.get() instanceof RouteTable.MethodNotAllowed notAllowed) {
                sendError(exchange, 405, "Method Not Allowed", requestId,
                        Map.of("Allow", String.join(", ", notAllowed.allowedMethods())));
                log(target, "no " + method + " route", 405, start);
                return;
            }
            RouteTable.Match route = (RouteTable.Match) match.get();
            String functionId = route.route().functionLogicalId();
            APIGatewayV2HTTPEvent event = toEvent(exchange, route, body, requestId);
            APIGatewayV2HTTPResponse response;
            try {
                Object result = functions.apply(functionId).invoke(event);
                response = result instanceof APIGatewayV2HTTPResponse r ? r : null;
                if (response == null) {
                    ConsoleLog.error("http", target + " -> " + functionId + " returned "
                            + (result == null ? "null" : result.getClass().getName()) + ", not an APIGatewayV2HTTPResponse", null);
                } else if (response.getStatusCode() < 100 || response.getStatusCode() > 599) {
                    ConsoleLog.error("http", target + " -> " + functionId + " returned statusCode "
                            + response.getStatusCode() + " (malformed Lambda proxy response)", null);
                    response = null;
                }
            } catch (LambdaFunction.FunctionInitException e) {
                ConsoleLog.error("http", target + " -> " + e.getMessage(), null);
                response = null;
            } catch (RuntimeException | Error e) {
                ConsoleLog.error("http", target + " -> " + functionId + " threw", e);
                response = null;
            }
            if (response == null) {
                sendError(exchange, 500, "Internal Server Error", requestId, Map.of());
                log(target, functionId, 500, start);
                return;
            }
            send(exchange, response, requestId, method.equals("HEAD"));
            log(target, functionId, response.getStatusCode(), start);
        } catch (IOException | RuntimeException e) {
            ConsoleLog.error("http", target + " failed in the local gateway", e);
            try {
                sendError(exchange, 500, "Internal Server Error", requestId, Map.of());
            } catch (IOException | RuntimeException ignored) {
                // The response had already started.
            }
        } finally {
            exchange.close();
        }
    }

    private static void log(String target, String functionId, int status, long startNanos) {
        ConsoleLog.info("http", target + " -> " + functionId + " " + status + " ("
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos) + " ms)");
    }

    /**
     * The body, or null when it exceeds {@link #MAX_BODY_BYTES}. An oversized body is still read (up to
     * {@link #MAX_DRAIN_BYTES}) and discarded, so that the client gets the 413 instead of a reset connection.
     */
    private static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);   // grows with the body: a webhook's is small
            if (body.length <= MAX_BODY_BYTES) {
                return body;
            }
            long drained = body.length;
            byte[] scratch = new byte[64 * 1024];
            int n;
            while (drained < MAX_DRAIN_BYTES && (n = in.read(scratch)) >= 0) {
                drained += n;
            }
            return null;
        }
    }

    // ------------------------------------------------------------------ request -> event

    static APIGatewayV2HTTPEvent toEvent(HttpExchange exchange, RouteTable.Match route, byte[] body, String requestId) {
        Headers requestHeaders = exchange.getRequestHeaders();
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        requestHeaders.forEach((name, values) -> {
            String key = name.toLowerCase(Locale.ROOT);
            if (key.equals("cookie")) {
                for (String value : values) {
                    for (String cookie : value.split(";")) {
                        if (!cookie.isBlank()) {
                            cookies.add(cookie.trim());
                        }
                    }
                }
            } else {
                headers.merge(key, String.join(",", values), (a, b) -> a + "," + b);
            }
        });
        String sourceIp = exchange.getRemoteAddress().getAddress().getHostAddress();
        int localPort = exchange.getLocalAddress().getPort();
        headers.merge("x-forwarded-for", sourceIp, (existing, ip) -> existing + ", " + ip);
        headers.putIfAbsent("x-forwarded-port", String.valueOf(localPort));
        headers.putIfAbsent("x-forwarded-proto", "http");
        headers.putIfAbsent("x-amzn-trace-id", "Root=1-" + Long.toHexString(Instant.now().getEpochSecond()) + "-"
                + HexFormat.of().formatHex(randomBytes(12)));

        String rawQuery = exchange.getRequestURI().getRawQuery();
        String host = Optional.ofNullable(headers.get("host")).orElse("localhost:" + localPort);
        Instant now = Instant.now();
        APIGatewayV2HTTPEvent.RequestContext context = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withAccountId(AwsEmulators.ACCOUNT_ID)
                .withApiId(IntrinsicResolver.LOCAL_API_ID)
                .withDomainName(host)
                .withDomainPrefix(host.split("[.:]")[0])
                .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                        .withMethod(exchange.getRequestMethod().toUpperCase(Locale.ROOT))
                        .withPath(exchange.getRequestURI().getRawPath())
                        .withProtocol(exchange.getProtocol())
                        .withSourceIp(sourceIp)
                        .withUserAgent(headers.getOrDefault("user-agent", ""))
                        .build())
                .withRequestId(requestId)
                .withRouteKey(route.route().routeKey())
                .withStage("$default")
                .withTime(REQUEST_TIME.format(now))
                .withTimeEpoch(now.toEpochMilli())
                .build();

        boolean hasBody = body.length > 0;
        boolean text = isTextContent(headers.get("content-type"));
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(route.route().routeKey())
                .withRawPath(exchange.getRequestURI().getRawPath())
                .withRawQueryString(rawQuery == null ? "" : rawQuery)
                .withCookies(cookies.isEmpty() ? null : cookies)
                .withHeaders(headers)
                .withQueryStringParameters(queryParameters(rawQuery))
                .withPathParameters(route.pathParameters().isEmpty() ? null : route.pathParameters())
                .withBody(!hasBody ? null : text ? new String(body, StandardCharsets.UTF_8)
                        : Base64.getEncoder().encodeToString(body))
                .withIsBase64Encoded(hasBody && !text)
                .withRequestContext(context)
                .build();
    }

    /** HTTP APIs pass these as text; everything else (forms included) is base64-encoded. */
    static boolean isTextContent(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        return type.startsWith("text/") || type.equals("application/json") || type.equals("application/xml")
                || type.equals("application/javascript");
    }

    /** Decoded; repeated names comma-joined; null without a query string. */
    static Map<String, String> queryParameters(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.merge(name, value, (a, b) -> a + "," + b);
        }
        return params.isEmpty() ? null : params;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    // ------------------------------------------------------------------ response

    private static void send(HttpExchange exchange, APIGatewayV2HTTPResponse response, String requestId, boolean head)
            throws IOException {
        Headers headers = exchange.getResponseHeaders();
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((name, value) -> {
                if (name != null && value != null) {
                    headers.add(name, value);
                }
            });
        }
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders().forEach((name, values) -> {
                if (name != null && values != null) {
                    values.forEach(v -> headers.add(name, v));
                }
            });
        }
        if (response.getCookies() != null) {
            response.getCookies().forEach(cookie -> headers.add("Set-Cookie", cookie));
        }
        headers.set("apigw-requestid", requestId);
        headers.remove("Content-Length");
        headers.remove("Transfer-Encoding");
        byte[] body = response.getBody() == null ? new byte[0]
                : response.getIsBase64Encoded() ? Base64.getDecoder().decode(response.getBody())
                : response.getBody().getBytes(StandardCharsets.UTF_8);
        int status = response.getStatusCode();
        boolean noBody = head || status == 204 || status == 304 || status < 200 || body.length == 0;
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static void sendError(HttpExchange exchange, int status, String message, String requestId,
            Map<String, String> extraHeaders) throws IOException {
        byte[] body = ("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8);
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("apigw-requestid", requestId);
        extraHeaders.forEach(headers::set);
        if (exchange.getRequestMethod().equalsIgnoreCase("HEAD")) {
            exchange.sendResponseHeaders(status, -1);   // a response to HEAD has no body
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Shaped like API Gateway's request ids ({@code JKJaXmPLvHcESHA=}). */
    static String newRequestId() {
        return Base64.getEncoder().encodeToString(randomBytes(10));
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
