package dev.switchboard.crm.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.switchboard.crm.Redactor;
import dev.switchboard.crm.lead.LeadLink;
import dev.switchboard.crm.lead.LeadMerge;
import dev.switchboard.crm.lead.LeadPush;
import dev.switchboard.crm.lead.LeadText;
import dev.switchboard.crm.testing.Jobs;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The signature checks docs/crm.md shows (Python, Node, openssl), taken from the document itself and run
 * against a request the webhook client really sent: they accept it, and reject it once a byte changes.
 */
class DocumentedSignatureCheckTest {

    static final String SECRET = "d2c1e0f9a8b7c6d5e4f3a2b1c0d9e8f7 with spaces & ünïcode";
    static final Path DOC = Path.of("../../docs/crm.md");

    static WireMockServer receiver;
    static byte[] body;
    static String signature;

    @TempDir
    Path dir;

    @BeforeAll
    static void sendARealEvent() {
        receiver = new WireMockServer(wireMockConfig().dynamicPort());
        receiver.start();
        receiver.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(204)));
        LeadText text = new LeadText(ZoneId.of("America/New_York"));
        LeadLink lead = new LeadMerge(Duration.ofDays(30), text).apply(null,
                Jobs.transcript("CA1", "RE1", Jobs.CALLER, "2026-11-02T14:00:00Z"), Instant.parse("2026-11-02T14:00:00Z"),
                () -> "SB-0A1B2C3D4E5F");
        new WebhookClient(HttpClient.newHttpClient(), URI.create(receiver.baseUrl() + "/hook"), Duration.ofSeconds(3),
                new WebhookSigner(SECRET), "WEBHOOK_SECRET", new Redactor(List.of(SECRET)), Clock.systemUTC())
                .insert(LeadPush.of(lead, text, 0, Jobs.transcript("CA1", "RE1", Jobs.CALLER, "2026-11-02T14:00:00Z")));
        LoggedRequest request = receiver.getAllServeEvents().get(0).getRequest();
        body = request.getBody();
        signature = request.getHeader(WebhookSigner.HEADER);
    }

    @AfterAll
    static void stop() {
        receiver.stop();
    }

    @Test
    void theHeaderIsShaPrefixedHexAndTheJavaCheckAgrees() {
        assertThat(signature).matches("sha256=[0-9a-f]{64}");
        assertThat(new WebhookSigner(SECRET).verifies(body, signature)).isTrue();
        assertThat(new String(body, StandardCharsets.UTF_8)).contains("\"urgency\":\"stranded\"");
    }

    @Test
    void theDocumentedPythonCheck() throws Exception {
        assumeTrue(available("python3", "--version"), "python3 is not installed");
        Path script = Files.writeString(dir.resolve("verify.py"), snippet("python"));
        assertThat(run(List.of("python3", script.toString(), write("body.json", body).toString(), signature)))
                .isEqualTo(new Result(0, "valid"));
        assertThat(run(List.of("python3", script.toString(), write("tampered.json", tampered()).toString(), signature)))
                .isEqualTo(new Result(1, "INVALID"));
    }

    @Test
    void theDocumentedNodeCheck() throws Exception {
        assumeTrue(available("node", "--version"), "node is not installed");
        Path script = Files.writeString(dir.resolve("verify.js"), snippet("node"));
        assertThat(run(List.of("node", script.toString(), write("body.json", body).toString(), signature)))
                .isEqualTo(new Result(0, "valid"));
        assertThat(run(List.of("node", script.toString(), write("tampered.json", tampered()).toString(), signature)))
                .isEqualTo(new Result(1, "INVALID"));
    }

    @Test
    void theDocumentedOpensslOneLiner() throws Exception {
        assumeTrue(available("openssl", "version"), "openssl is not installed");
        String command = snippet("openssl").replaceAll("#[^\\n]*", "").trim();
        write("body.json", body);
        assertThat(run(List.of("bash", "-c", command))).isEqualTo(new Result(0, signature));
        write("body.json", tampered());
        assertThat(run(List.of("bash", "-c", command)).output()).isNotEqualTo(signature).startsWith("sha256=");
    }

    /** The fenced block that follows {@code <!-- check:<name> -->} in docs/crm.md. */
    static String snippet(String name) throws IOException {
        Matcher block = Pattern.compile("<!-- check:" + name + " -->\\s*```[a-z]*\\n(.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(DOC));
        assertThat(block.find()).as("docs/crm.md has a '" + name + "' check").isTrue();
        return block.group(1);
    }

    static byte[] tampered() {
        String changed = new String(body, StandardCharsets.UTF_8).replace("\"stranded\"", "\"Stranded\"");
        assertThat(changed).isNotEqualTo(new String(body, StandardCharsets.UTF_8));
        return changed.getBytes(StandardCharsets.UTF_8);
    }

    Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    record Result(int exit, String output) {
    }

    Result run(List<String> command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().put("WEBHOOK_SECRET", SECRET);
        Process process = builder.start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("finished: " + command).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        return new Result(process.exitValue(), output);
    }

    static boolean available(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
