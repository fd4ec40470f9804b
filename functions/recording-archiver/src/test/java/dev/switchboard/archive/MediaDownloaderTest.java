package dev.switchboard.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.switchboard.shared.config.Env;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.queue.PermanentJobFailure;
import dev.switchboard.shared.queue.RetryLater;
import dev.switchboard.shared.testing.EditableParameterStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The media download against two small JDK HTTP servers: "Twilio" on 127.0.0.1 and "storage" on
 * localhost (another origin), recording the Authorization header each received.
 */
class MediaDownloaderTest {

    static final String EXPECTED_AUTH = "Basic " + Base64.getEncoder().encodeToString(
            "AC00000000000000000000000000000000:secret-token".getBytes(StandardCharsets.UTF_8));

    HttpServer twilio;
    HttpServer storage;
    final List<String> twilioAuth = Collections.synchronizedList(new ArrayList<>());
    final List<String> storageAuth = Collections.synchronizedList(new ArrayList<>());
    MediaDownloader downloader;

    @BeforeEach
    void start() throws IOException {
        twilio = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        storage = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        storage.createContext("/blob", exchange -> {
            storageAuth.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            reply(exchange, 200, "audio-bytes");
        });
        twilio.start();
        storage.start();
        downloader = new MediaDownloader(() -> new MediaCredentials("AC00000000000000000000000000000000", "secret-token"),
                URI.create("http://127.0.0.1:" + twilio.getAddress().getPort()), Duration.ofSeconds(2), Duration.ofSeconds(5), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        twilio.stop(0);
        storage.stop(0);
    }

    void twilioAnswers(int status, String location, String body) {
        twilio.createContext("/2010-04-01/", exchange -> {
            twilioAuth.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            if (location != null) {
                exchange.getResponseHeaders().add("Location", location);
            }
            reply(exchange, status, body);
        });
    }

    static void reply(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    String twilioUrl() {
        return "http://127.0.0.1:" + twilio.getAddress().getPort() + "/2010-04-01/Accounts/AC1/Recordings/RE1";
    }

    static String read(MediaDownloader.Download download) throws IOException {
        try (InputStream in = download.body()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void twilioGetsBasicAuthAndTheFormatExtension() throws IOException {
        twilioAnswers(200, null, "mp3-bytes");
        URI url = downloader.mediaUrl(twilioUrl(), "mp3");
        assertThat(url.getPath()).endsWith("/RE1.mp3");
        MediaDownloader.Download download = downloader.open(url);
        assertThat(read(download)).isEqualTo("mp3-bytes");
        assertThat(download.contentLength()).hasValue(9);
        assertThat(twilioAuth).containsExactly(EXPECTED_AUTH);
    }

    @Test
    void aRedirectToAnotherHostIsFollowedOnceWithoutTheAuthorizationHeader() throws IOException {
        // "localhost" vs "127.0.0.1" with another port: another origin.
        twilioAnswers(302, "http://localhost:" + storage.getAddress().getPort() + "/blob?sig=abc", "");
        MediaDownloader.Download download = downloader.open(downloader.mediaUrl(twilioUrl(), "mp3"));
        assertThat(read(download)).isEqualTo("audio-bytes");
        assertThat(twilioAuth).containsExactly(EXPECTED_AUTH);
        assertThat(storageAuth).containsExactly("null");
    }

    @Test
    void aSecondRedirectIsRefused() {
        storage.createContext("/again", exchange -> {
            exchange.getResponseHeaders().add("Location", "/blob");
            reply(exchange, 302, "");
        });
        twilioAnswers(302, "http://localhost:" + storage.getAddress().getPort() + "/again", "");
        assertThatThrownBy(() -> downloader.open(downloader.mediaUrl(twilioUrl(), "mp3")))
                .isInstanceOf(PermanentJobFailure.class).hasMessageContaining("more than once");
        assertThat(storageAuth).isEmpty();
    }

    @Test
    void anHttpsUrlIsNeverDowngradedToHttp() {
        URI twilioHttps = URI.create("https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1.mp3");
        assertThatThrownBy(() -> MediaDownloader.redirectTarget(twilioHttps, "http://media.example.com/RE1.mp3"))
                .isInstanceOf(PermanentJobFailure.class).hasMessageContaining("down to plain http");
        assertThat(MediaDownloader.redirectTarget(twilioHttps, "https://media.example.com/RE1.mp3?sig=1").getHost())
                .isEqualTo("media.example.com");
        assertThat(MediaDownloader.redirectTarget(twilioHttps, "/other/RE1.mp3").toString())
                .isEqualTo("https://api.twilio.com/other/RE1.mp3");
        assertThatThrownBy(() -> MediaDownloader.redirectTarget(twilioHttps, "file:///etc/passwd"))
                .isInstanceOf(PermanentJobFailure.class);
        assertThatThrownBy(() -> MediaDownloader.redirectTarget(twilioHttps, null))
                .isInstanceOf(PermanentJobFailure.class).hasMessageContaining("Location");
        // A plain-http original (a local test server) may redirect to plain http.
        assertThat(MediaDownloader.redirectTarget(URI.create("http://127.0.0.1:8080/x.mp3"), "http://localhost:9/y"))
                .hasHost("localhost");
    }

    @Test
    void credentialsGoOnlyToTwilioOrTheConfiguredApiBase() {
        MediaDownloader real = new MediaDownloader(() -> new MediaCredentials("AC1", "secret"), URI.create("https://api.twilio.com"),
                Duration.ofSeconds(2), Duration.ofSeconds(5), Clock.systemUTC());
        assertThatThrownBy(() -> real.open(URI.create("https://127.0.0.1:1/2010-04-01/x.mp3")))
                .isInstanceOf(PermanentJobFailure.class).hasMessageContaining("not sending it our credentials");
        assertThatThrownBy(() -> real.open(URI.create("http://api.twilio.com/2010-04-01/x.mp3")))
                .isInstanceOf(PermanentJobFailure.class).hasMessageContaining("not sending it our credentials");
    }

    @Test
    void notReadyYetIsRetriedLater() {
        twilioAnswers(404, null, "{\"code\": 20404}");
        assertThatThrownBy(() -> downloader.open(downloader.mediaUrl(twilioUrl(), "mp3")))
                .isInstanceOf(RetryLater.class).hasMessageContaining("404");
    }

    @Test
    void serverTroubleIsRetriedAndBadCredentialsAreNot() {
        twilioAnswers(503, null, "busy");
        assertThatThrownBy(() -> downloader.open(downloader.mediaUrl(twilioUrl(), "mp3"))).isInstanceOf(RetryLater.class);
        twilio.removeContext("/2010-04-01/");
        twilioAnswers(401, null, "{\"code\": 20003}");
        assertThatThrownBy(() -> downloader.open(downloader.mediaUrl(twilioUrl(), "mp3")))
                .isInstanceOf(PermanentJobFailure.class).hasMessageContaining("credentials");
    }

    @Test
    void mediaOnAnUnknownHostNeverGetsOurCredentials() {
        assertThatThrownBy(() -> downloader.open(URI.create("http://localhost:" + storage.getAddress().getPort() + "/blob")))
                .isInstanceOf(PermanentJobFailure.class);
        assertThat(storageAuth).isEmpty();
    }

    @Test
    void twilioUrlsAreRebasedLikeTheRestClient() {
        assertThat(downloader.mediaUrl("https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1", "wav").toString())
                .isEqualTo("http://127.0.0.1:" + twilio.getAddress().getPort() + "/2010-04-01/Accounts/AC1/Recordings/RE1.wav");
        MediaDownloader real = new MediaDownloader(() -> new MediaCredentials("AC1", "s"), URI.create("https://api.twilio.com"),
                Duration.ofSeconds(1), Duration.ofSeconds(1), Clock.systemUTC());
        assertThat(real.mediaUrl("https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1.mp3", "mp3").toString())
                .isEqualTo("https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1.mp3");
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Two downloads by a downloader wired from {@code env}, with the SSM parameter {@code parameter} rotated
     * from "first" to "second" between them: the Authorization headers Twilio received.
     */
    List<String> authAcrossARotation(Map<String, String> env, String parameter) throws IOException {
        twilioAnswers(200, null, "mp3-bytes");
        Map<String, String> all = new HashMap<>(env);
        all.put("TWILIO_ACCOUNT_SID", "AC00000000000000000000000000000000");
        EditableParameterStore ssm = new EditableParameterStore().put(parameter, "first");
        MediaDownloader wired = new MediaDownloader(MediaCredentials.fromSettings(new Settings(Env.of(all), ssm)),
                URI.create("http://127.0.0.1:" + twilio.getAddress().getPort()), Duration.ofSeconds(2), Duration.ofSeconds(5),
                Clock.systemUTC());
        read(wired.open(wired.mediaUrl(twilioUrl(), "mp3")));
        ssm.put(parameter, "second");
        read(wired.open(wired.mediaUrl(twilioUrl(), "mp3")));
        return twilioAuth;
    }

    @Test
    void anAuthTokenRotatedInSsmIsSentWithTheNextDownload() throws IOException {
        assertThat(authAcrossARotation(Map.of("TWILIO_AUTH_TOKEN_PARAMETER", "/sb/twilio-auth-token"), "/sb/twilio-auth-token"))
                .containsExactly(basic("AC00000000000000000000000000000000", "first"),
                        basic("AC00000000000000000000000000000000", "second"));
    }

    @Test
    void anApiKeySecretRotatedInSsmIsSentWithTheNextDownload() throws IOException {
        assertThat(authAcrossARotation(Map.of("TWILIO_API_KEY_SID", "SK00000000000000000000000000000000",
                "TWILIO_API_KEY_SECRET_PARAMETER", "/sb/twilio-api-key-secret", "TWILIO_AUTH_TOKEN", "unused"),
                "/sb/twilio-api-key-secret"))
                .containsExactly(basic("SK00000000000000000000000000000000", "first"),
                        basic("SK00000000000000000000000000000000", "second"));
    }

    @Test
    void credentialsNeverPrint() {
        assertThat(new MediaCredentials("AC1", "very-secret").toString()).doesNotContain("very-secret");
    }
}
