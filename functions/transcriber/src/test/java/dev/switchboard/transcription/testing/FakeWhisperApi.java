package dev.switchboard.transcription.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.switchboard.shared.json.Json;
import java.util.List;

/**
 * A fake of OpenAI's {@code POST /v1/audio/transcriptions} on WireMock, shaped like OpenAI's documentation:
 * {@code verbose_json} answers carry {@code task}, {@code language} (a name such as "english"),
 * {@code duration}, {@code text} and {@code segments} (id, seek, start, end, text, tokens, temperature,
 * avg_logprob, compression_ratio, no_speech_prob); errors are {@code {"error": {message, type, param, code}}}.
 * Use it as {@code OPENAI_BASE_URL}.
 */
public final class FakeWhisperApi implements AutoCloseable {

    public static final String PATH = "/v1/audio/transcriptions";

    /** One segment: seconds from the start, and its text. */
    public record Segment(double start, double end, String text) {
    }

    private final WireMockServer server;
    private int scenarios;

    public FakeWhisperApi() {
        server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    public WireMockServer server() {
        return server;
    }

    /** Every transcription request answers 200 with these segments. */
    public void transcribes(String language, List<Segment> segments) {
        server.stubFor(post(urlPathEqualTo(PATH)).atPriority(10).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json").withBody(verboseJson(language, segments))));
    }

    /** The next {@code times} requests fail with {@code status}, an OpenAI error body and optional Retry-After. */
    public void failsNext(int times, int status, String type, String code, String message, String retryAfter) {
        String scenario = "whisper-failures-" + (++scenarios);
        String state = Scenario.STARTED;
        for (int i = 0; i < times; i++) {
            String next = "failed-" + (i + 1);
            var response = aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                    .withBody(error(type, code, message));
            if (retryAfter != null) {
                response = response.withHeader("Retry-After", retryAfter);
            }
            server.stubFor(post(urlPathEqualTo(PATH)).atPriority(1).inScenario(scenario)
                    .whenScenarioStateIs(state).willSetStateTo(next).willReturn(response));
            state = next;
        }
    }

    public List<LoggedRequest> requests() {
        return server.findAll(postRequestedFor(urlPathEqualTo(PATH)));
    }

    public static String verboseJson(String language, List<Segment> segments) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("task", "transcribe");
        root.put("language", language);
        root.put("duration", segments.isEmpty() ? 0.0 : segments.get(segments.size() - 1).end());
        StringBuilder text = new StringBuilder();
        ArrayNode array = root.putArray("segments");
        int id = 0;
        for (Segment s : segments) {
            ObjectNode node = array.addObject();
            node.put("id", id++);
            node.put("seek", 0);
            node.put("start", s.start());
            node.put("end", s.end());
            node.put("text", " " + s.text());
            node.putArray("tokens").add(50364).add(2425);
            node.put("temperature", 0.0);
            node.put("avg_logprob", -0.21);
            node.put("compression_ratio", 1.32);
            node.put("no_speech_prob", 0.01);
            text.append(' ').append(s.text());
        }
        root.put("text", text.toString().trim());
        return Json.write(root);
    }

    public static String error(String type, String code, String message) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("message", message);
        error.put("type", type);
        error.putNull("param");
        if (code == null) {
            error.putNull("code");
        } else {
            error.put("code", code);
        }
        return Json.write(root);
    }

    @Override
    public void close() {
        server.stop();
    }
}
