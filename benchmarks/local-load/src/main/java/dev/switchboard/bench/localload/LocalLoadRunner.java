package dev.switchboard.bench.localload;

import dev.switchboard.shared.twilio.TwilioSignature;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Load on a running local stack, over HTTP, as Twilio would send it: {@code POST /twilio/voice} webhooks
 * (each a new call, signed with the stack's auth token), in two shapes.
 *
 * <ol>
 *   <li>A steady rate: {@code RATE} calls a second for {@code SECONDS}, each sent at its planned time
 *       whatever the previous ones are doing; latency is measured from that planned time (no coordinated
 *       omission).
 *   <li>Bursts: {@code CALLERS} callers released at once, {@code BURSTS} times; latency of every call.
 * </ol>
 *
 * {@code java -jar local-load-runner.jar <baseUrl> <authToken>} with the settings as system properties
 * ({@code -Drate=50 -Dseconds=20 -Dcallers=32 -Dbursts=25 -DpublicBaseUrl=...}); prints a Markdown table.
 * Any answer but 200 fails the run.
 */
public final class LocalLoadRunner {

    private static final AtomicLong CALLS = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    private final HttpClient http;
    private final String baseUrl;
    private final String publicBaseUrl;
    private final String authToken;

    private LocalLoadRunner(String baseUrl, String publicBaseUrl, String authToken, ExecutorService executor) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
                .connectTimeout(Duration.ofSeconds(5)).build();
        this.baseUrl = baseUrl;
        this.publicBaseUrl = publicBaseUrl;
        this.authToken = authToken;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: LocalLoadRunner <baseUrl> <authToken>");
            System.exit(2);
        }
        int rate = Integer.getInteger("rate", 50);
        int seconds = Integer.getInteger("seconds", 20);
        int callers = Integer.getInteger("callers", 32);
        int bursts = Integer.getInteger("bursts", 25);
        // Warm-up long enough for C2 to finish the request path: after 400 calls it still took a third of a core
        // for its compiles during the measured 20 s (docs/performance.md "Local stack under load").
        int warmup = Integer.getInteger("warmup", 3000);
        int warmupBursts = Integer.getInteger("warmupBursts", 10);
        ExecutorService executor = Executors.newCachedThreadPool();
        LocalLoadRunner runner = new LocalLoadRunner(args[0], System.getProperty("publicBaseUrl", args[0]), args[1],
                executor);

        // Warm-up: JIT, connection set-up, and the functions' instance pools grown to what bursts need.
        LoadShapes.steady(rate, Math.max(1, warmup / rate), runner::call);
        LoadShapes.bursts(callers, warmupBursts, executor, runner::call);

        List<Long> steady = LoadShapes.steady(rate, seconds, runner::call);
        List<Long> burst = LoadShapes.bursts(callers, bursts, executor, runner::call);
        System.out.println(LoadShapes.header("load on POST /twilio/voice"));
        if (!steady.isEmpty()) {
            System.out.println(LoadShapes.row(rate + " calls/s for " + seconds + " s", steady));
        }
        if (!burst.isEmpty()) {
            System.out.println(LoadShapes.row(callers + " callers at once, " + bursts + " times", burst));
        }
        executor.shutdownNow();
    }

    /** One incoming call; completes with the time the answer arrived (System.nanoTime). */
    private CompletableFuture<Long> call() {
        long n = CALLS.incrementAndGet();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("AccountSid", "AC00000000000000000000000000000000");
        form.put("CallSid", String.format("CA%032d", n));
        form.put("CallStatus", "ringing");
        form.put("Direction", "inbound");
        form.put("From", String.format("+1904555%04d", n % 10_000));
        form.put("To", "+19045550200");
        String body = form.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        Map<String, List<String>> params = new LinkedHashMap<>();
        form.forEach((k, v) -> params.put(k, List.of(v)));
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/twilio/voice"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", TwilioSignature.compute(authToken, publicBaseUrl + "/twilio/voice", params))
                .header("I-Twilio-Idempotency-Token", "load-" + n)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            long done = System.nanoTime();
            if (response.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
            }
            return done;
        });
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
