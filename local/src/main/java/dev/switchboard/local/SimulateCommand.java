package dev.switchboard.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.switchboard.shared.http.HttpRequest;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code simulate EVENT_FILE}: the request in an event file, sent over HTTP to the running stack like Twilio sends it. */
@Command(name = "simulate", header = "Send an event file's request to the running stack, signed.",
        description = "Send the request in an API Gateway event file to the running stack over HTTP, signed like Twilio "
                + "signs it (token from TWILIO_AUTH_TOKEN or the data dir), with the local recordings token as "
                + "bearer token, and print the answer. Exit code 0 for 2xx, 1 otherwise.")
final class SimulateCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    /** Headers the HTTP client sets itself, or that describe the original hop. */
    private static final Set<String> NOT_FORWARDED = Set.of("host", "content-length", "connection", "expect", "upgrade",
            "transfer-encoding", "x-forwarded-for", "x-forwarded-port", "x-forwarded-proto", "x-amzn-trace-id",
            "x-twilio-signature");

    @Parameters(paramLabel = "EVENT_FILE", description = "An API Gateway HTTP API event, e.g. events/incoming-call.json.")
    Path eventFile;

    @Option(names = "--url", paramLabel = "URL", description = "The running stack (default http://localhost:<--port>).")
    String url;

    @Option(names = "--port", paramLabel = "N", defaultValue = "${env:PORT:-3000}",
            description = "The running stack's HTTP port, when --url is not given (env PORT, default 3000).")
    int port;

    @Option(names = "--public-base-url", paramLabel = "URL",
            description = "The stack's PUBLIC_BASE_URL, if not the --url (env PUBLIC_BASE_URL).")
    String publicBaseUrl;

    @Option(names = "--data-dir", paramLabel = "PATH", defaultValue = ".switchboard-data",
            description = "Where the running stack keeps its local tokens (default ./.switchboard-data).")
    Path dataDirectory;

    private final PrintStream out;
    private final PrintStream err;

    SimulateCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        APIGatewayV2HTTPEvent event = EventJson.read(eventFile, APIGatewayV2HTTPEvent.class);
        String baseUrl = trimSlash(url != null ? url : "http://localhost:" + port);
        String signingBase = trimSlash(publicBaseUrl != null ? publicBaseUrl : env("PUBLIC_BASE_URL").orElse(baseUrl));

        HttpRequest request = HttpRequest.from(event);
        String method = request.method() == null ? "POST" : request.method().toUpperCase(Locale.ROOT);
        String rawPath = event.getRawPath();
        String rawQuery = event.getRawQueryString() == null ? "" : event.getRawQueryString();
        Map<String, String> headers = new LinkedHashMap<>();
        if (event.getHeaders() != null) {
            event.getHeaders().forEach((name, value) -> {
                String key = name.toLowerCase(Locale.ROOT);
                if (!NOT_FORWARDED.contains(key)) {
                    headers.put(key, value);
                }
            });
        }
        if (event.getCookies() != null && !event.getCookies().isEmpty()) {
            headers.put("cookie", String.join("; ", event.getCookies()));
        }
        if (LocalCredentials.bearer(headers)) {
            headers.put("authorization", "Bearer " + token("RECORDINGS_TOKEN", LocalTokens.RECORDINGS_TOKEN_FILE));
        }
        if (WebhookSigner.isSignedPath(rawPath)) {
            WebhookSigner.Signed signed = WebhookSigner.sign(token("TWILIO_AUTH_TOKEN", LocalTokens.AUTH_TOKEN_FILE),
                    signingBase, rawPath, rawQuery, headers.get("content-type"), request.body());
            rawQuery = signed.rawQuery();
            headers.put("x-twilio-signature", signed.signature());
        }
        URI uri = URI.create(baseUrl + rawPath + (rawQuery.isEmpty() ? "" : "?" + rawQuery));
        java.net.http.HttpRequest.Builder http = java.net.http.HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .method(method, request.body().length == 0 ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofByteArray(request.body()));
        headers.forEach(http::header);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> response;
        try {
            response = client.send(http.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            err.println("error: " + method + " " + uri + " failed: " + e
                    + " (is the local stack running? java -jar local/target/switchboard-local.jar)");
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        out.println("HTTP/1.1 " + response.statusCode());
        response.headers().map().forEach((name, values) -> {
            if (!name.startsWith(":")) {
                values.forEach(v -> out.println(name + ": " + v));
            }
        });
        out.println();
        out.println(response.body());
        return response.statusCode() >= 200 && response.statusCode() < 300 ? 0 : 1;
    }

    /** The variable, else the running stack's token file in the data directory. */
    private String token(String variable, String file) {
        return env(variable).or(() -> LocalTokens.read(dataDirectory, file))
                .orElseThrow(() -> new IllegalStateException("No " + variable + " to send: start the stack first (it"
                        + " writes " + dataDirectory.resolve(file) + ") or set " + variable));
    }

    private static Optional<String> env(String name) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
