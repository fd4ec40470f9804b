package dev.switchboard.transcription.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.switchboard.shared.http.FormParameters;
import dev.switchboard.shared.json.Json;
import java.util.List;

/**
 * A fake of Twilio's Conversational Intelligence v2 API on WireMock, shaped like Twilio's documentation:
 * {@code POST /v2/Transcripts} answers 201 with a Transcript resource ({@code sid}, {@code status: queued},
 * {@code links}); {@code GET /v2/Transcripts/{sid}} the resource with its status, {@code customer_key}
 * and {@code channel.media_properties.source_sid}; {@code GET /v2/Transcripts/{sid}/Sentences} pages of
 * {@code sentences} with a {@code meta} block whose {@code next_page_url} (on intelligence.twilio.com, as
 * Twilio sends it) leads to the next page. Use it as {@code TWILIO_INTELLIGENCE_BASE_URL}.
 */
public final class FakeIntelligenceApi implements AutoCloseable {

    public static final String ACCOUNT_SID = "AC00000000000000000000000000000000";
    public static final String SERVICE_SID = "GA00000000000000000000000000000001";
    private static final String REAL_BASE = "https://intelligence.twilio.com";

    /** One sentence as the API returns it. {@code start} and {@code end} may be null (no timing). */
    public record Sentence(int channel, String text, Double start, Double end) {
    }

    private final WireMockServer server;
    private int scenarios;

    public FakeIntelligenceApi() {
        server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    public WireMockServer server() {
        return server;
    }

    /** {@code POST /v2/Transcripts} creates transcript {@code sid}. */
    public void acceptsTranscripts(String sid) {
        server.stubFor(post(urlPathEqualTo("/v2/Transcripts")).atPriority(10).willReturn(aResponse()
                .withStatus(201).withHeader("Content-Type", "application/json")
                .withBody(resource(sid, "queued", null, null))));
    }

    /** The next {@code times} creates fail with {@code status} and Twilio's error body (and Retry-After). */
    public void createFails(int times, int status, int code, String message, String retryAfter) {
        String scenario = "create-failures-" + (++scenarios);
        String state = Scenario.STARTED;
        for (int i = 0; i < times; i++) {
            String next = "failed-" + (i + 1);
            var response = aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                    .withBody(error(status, code, message));
            if (retryAfter != null) {
                response = response.withHeader("Retry-After", retryAfter);
            }
            server.stubFor(post(urlPathEqualTo("/v2/Transcripts")).atPriority(1).inScenario(scenario)
                    .whenScenarioStateIs(state).willSetStateTo(next).willReturn(response));
            state = next;
        }
    }

    /** Transcript {@code sid} of {@code recordingSid} (customer key {@code callSid}) in {@code status}, with pages. */
    public void transcript(String sid, String status, String callSid, String recordingSid, List<List<Sentence>> pages) {
        server.stubFor(get(urlPathEqualTo("/v2/Transcripts/" + sid)).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(resource(sid, status, callSid, recordingSid))));
        int index = 0;
        for (int page = 0; page < pages.size(); page++) {
            String path = "/v2/Transcripts/" + sid + "/Sentences";
            var request = get(urlPathEqualTo(path));
            request = page == 0 ? request.withQueryParam("PageToken", absent())
                    : request.withQueryParam("PageToken", equalTo("PT" + page));
            ObjectNode body = Json.MAPPER.createObjectNode();
            ArrayNode sentences = body.putArray("sentences");
            for (Sentence s : pages.get(page)) {
                ObjectNode node = sentences.addObject();
                node.put("media_channel", s.channel());
                node.put("sentence_index", index);
                if (s.start() == null) {
                    node.putNull("start_time");
                    node.putNull("end_time");
                } else {
                    node.put("start_time", s.start());
                    node.put("end_time", s.end());
                }
                node.put("transcript", s.text());
                node.put("sid", String.format("GX%032x", index + 1));
                node.put("confidence", 0.93);
                node.putArray("words");
                index++;
            }
            ObjectNode meta = body.putObject("meta");
            meta.put("page", page);
            meta.put("page_size", 50);
            meta.put("first_page_url", REAL_BASE + path + "?PageSize=50&Page=0");
            if (page == 0) {
                meta.putNull("previous_page_url");
            } else {
                meta.put("previous_page_url", REAL_BASE + path + "?PageSize=50&Page=" + (page - 1) + "&PageToken=PB" + page);
            }
            meta.put("url", REAL_BASE + path + "?PageSize=50&Page=" + page);
            if (page + 1 < pages.size()) {
                meta.put("next_page_url", REAL_BASE + path + "?PageSize=50&Page=" + (page + 1) + "&PageToken=PT" + (page + 1));
            } else {
                meta.putNull("next_page_url");
            }
            meta.put("key", "sentences");
            server.stubFor(request.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                    .withBody(Json.write(body))));
        }
    }

    /** Form parameters of every create request, oldest first. */
    public List<FormParameters> createRequests() {
        return server.findAll(postRequestedFor(urlPathEqualTo("/v2/Transcripts"))).stream()
                .map(r -> FormParameters.parse(r.getBodyAsString())).toList();
    }

    /** How many times a sentences page was requested. */
    public int sentencePageRequests() {
        return server.findAll(getRequestedFor(urlPathMatching("/v2/Transcripts/[^/]+/Sentences"))).size();
    }

    public static String error(int status, int code, String message) {
        ObjectNode e = Json.MAPPER.createObjectNode();
        e.put("code", code);
        e.put("message", message);
        e.put("more_info", "https://www.twilio.com/docs/errors/" + code);
        e.put("status", status);
        return Json.write(e);
    }

    private static String resource(String sid, String status, String callSid, String recordingSid) {
        ObjectNode r = Json.MAPPER.createObjectNode();
        r.put("account_sid", ACCOUNT_SID);
        r.put("service_sid", SERVICE_SID);
        r.put("sid", sid);
        r.put("date_created", "2026-11-22T20:00:05Z");
        r.put("date_updated", "2026-11-22T20:00:40Z");
        r.put("status", status);
        ObjectNode channel = r.putObject("channel");
        ObjectNode media = channel.putObject("media_properties");
        if (recordingSid != null) {
            media.put("source_sid", recordingSid);
        }
        r.put("data_logging", false);
        r.put("language_code", "en-US");
        if (callSid == null) {
            r.putNull("customer_key");
        } else {
            r.put("customer_key", callSid);
        }
        r.putNull("media_start_time");
        r.put("duration", 42);
        r.put("url", REAL_BASE + "/v2/Transcripts/" + sid);
        r.put("redaction", false);
        r.putNull("encryption_credential_sid");
        ObjectNode links = r.putObject("links");
        links.put("sentences", REAL_BASE + "/v2/Transcripts/" + sid + "/Sentences");
        links.put("media", REAL_BASE + "/v2/Transcripts/" + sid + "/Media");
        links.put("operator_results", REAL_BASE + "/v2/Transcripts/" + sid + "/OperatorResults");
        return Json.write(r);
    }

    @Override
    public void close() {
        server.stop();
    }
}
