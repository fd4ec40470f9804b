package dev.switchboard.local.scenarios.calls;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.switchboard.shared.storage.Item;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * A 200 MB recording archived by a JVM whose whole heap is 256 MB (this class runs in its own failsafe
 * execution with {@code -Xmx256m}, see local/pom.xml), together with DynamoDB Local, ElasticMQ, s3proxy
 * (filesystem store) and the functions. The "Twilio" here is a JDK HTTP server that generates the bytes as
 * it sends them, so the recording never exists in memory anywhere; the test computes the expected SHA-256
 * from the same generator. Only the result is asserted, never the time it took.
 */
class LargeRecordingStreamingIT {

    static final long SIZE = 200L * 1024 * 1024;
    static final long SEED = 20261123L;
    static final String RECORDING_SID = "RE" + "a".repeat(32);
    static final String CALL_SID = "CA" + "b".repeat(32);

    static HttpServer media;
    static CallStack calls;
    static final AtomicInteger authorized = new AtomicInteger();

    @BeforeAll
    static void start() throws IOException {
        media = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        media.createContext("/2010-04-01/", LargeRecordingStreamingIT::serve);
        media.start();
        calls = CallStack.start(Map.of("TWILIO_API_BASE_URL", "http://127.0.0.1:" + media.getAddress().getPort(),
                "RETRY_BASE_SECONDS", "0", "RETRY_MAX_SECONDS", "0", "MEDIA_READ_TIMEOUT_SECONDS", "120"),
                List.of("RecordingStatusFunction", "RecordingArchiverFunction"));
    }

    @AfterAll
    static void stop() {
        if (calls != null) {
            calls.close();
        }
        media.stop(0);
    }

    /** 200 MB of deterministic noise, written in 64 KiB chunks as it is generated; Basic auth required. */
    static void serve(HttpExchange exchange) throws IOException {
        String expected = "Basic " + Base64.getEncoder().encodeToString((CallStack.ACCOUNT_SID + ":"
                + calls.stack.authToken()).getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
            return;
        }
        authorized.incrementAndGet();
        exchange.getResponseHeaders().add("Content-Type", "audio/mpeg");
        exchange.sendResponseHeaders(200, SIZE);
        try (OutputStream out = exchange.getResponseBody()) {
            Noise noise = new Noise();
            byte[] chunk = new byte[64 * 1024];
            long left = SIZE;
            while (left > 0) {
                int n = (int) Math.min(chunk.length, left);
                noise.fill(chunk, n);
                out.write(chunk, 0, n);
                left -= n;
            }
        }
    }

    /** The generator both sides share: the same seed gives the same bytes, chunk by chunk. */
    static final class Noise {
        private final SplittableRandom random = new SplittableRandom(SEED);

        void fill(byte[] chunk, int n) {
            for (int i = 0; i < n; i += 8) {
                long value = random.nextLong();
                for (int j = 0; j < 8 && i + j < n; j++) {
                    chunk[i + j] = (byte) (value >>> (8 * j));
                }
            }
        }
    }

    static String expectedSha256() throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        Noise noise = new Noise();
        byte[] chunk = new byte[64 * 1024];
        long left = SIZE;
        while (left > 0) {
            int n = (int) Math.min(chunk.length, left);
            noise.fill(chunk, n);
            digest.update(chunk, 0, n);
            left -= n;
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    @Test
    void aTwoHundredMegabyteRecordingStreamsIntoS3UnderA256MegabyteHeap() throws Exception {
        // Guard the premise: without the dedicated execution this test would prove nothing.
        assertThat(Runtime.getRuntime().maxMemory()).isLessThanOrEqualTo(256L * 1024 * 1024);

        CallStack.Answer answer = calls.post("/twilio/voice/recording", Map.of("AccountSid", CallStack.ACCOUNT_SID,
                "CallSid", CALL_SID, "RecordingSid", RECORDING_SID, "RecordingStatus", "completed",
                "RecordingDuration", "13000", "RecordingChannels", "2", "RecordingSource", "DialVerb",
                "RecordingUrl", "http://127.0.0.1:" + media.getAddress().getPort() + "/2010-04-01/Accounts/"
                        + CallStack.ACCOUNT_SID + "/Recordings/" + RECORDING_SID,
                "RecordingStartTime", "Mon, 23 Nov 2026 15:00:45 +0000"));
        assertThat(answer.status()).isEqualTo(200);

        Map<String, AttributeValue> item = CallStack.await("the large recording archived", Duration.ofMinutes(10),
                () -> calls.item("REC#" + RECORDING_SID, "REC")
                        .filter(i -> Item.string(i, "status").filter("archived"::equals).isPresent()));
        String expected = expectedSha256();
        assertThat(Item.number(item, "sizeBytes")).contains(SIZE);
        assertThat(Item.string(item, "sha256")).contains(expected);

        // Read it back from s3proxy, streaming, and measure it independently.
        String key = Item.string(item, "s3Key").orElseThrow();
        assertThat(key).isEqualTo("recordings/2026/11/23/" + CALL_SID + "/" + RECORDING_SID + ".mp3");
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        long total = 0;
        try (ResponseInputStream<GetObjectResponse> in = calls.stack.emulators().s3()
                .getObject(b -> b.bucket(calls.bucket()).key(key))) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = ((InputStream) in).read(buffer)) > 0) {
                digest.update(buffer, 0, n);
                total += n;
            }
        }
        assertThat(total).isEqualTo(SIZE);
        assertThat(HexFormat.of().formatHex(digest.digest())).isEqualTo(expected);
        assertThat(authorized.get()).isEqualTo(1);
    }
}
