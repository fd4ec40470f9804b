package dev.switchboard.fakes.twilio;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TwilioRestResourceTest {

    /** Echoes what the shared helpers read from the request. */
    static final class Echo extends TwilioRestResource {
        Echo() {
            super("twilio-echo");
        }

        @Override
        public void stub(WireMockServer server) {
            server.stubFor(any(urlPathMatching("/echo.*")).willReturn(aResponse().withTransformers("twilio-echo")));
        }

        @Override
        protected ResponseDefinition serve(Request request, String path) {
            return TwilioJson.response(200, Map.of("path", path, "to", form(request, "To"), "missing", form(request, "Nope"),
                    "page", query(request, "PageSize"), "noQuery", query(request, "Nope")));
        }
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static WireMockServer server;

    @BeforeAll
    static void start() {
        Echo echo = new Echo();
        server = new WireMockServer(wireMockConfig().dynamicPort().extensions(echo));
        server.start();
        echo.stub(server);
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static HttpResponse<String> post(String pathAndQuery, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + pathAndQuery))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("To=%2B19045550177"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void withoutBasicAuthTheAnswerIsTwiliosAuthenticateErrorBeforeTheResourceIsAsked() throws Exception {
        for (String authorization : new String[] {null, "Bearer x", "Basi"}) {
            HttpResponse<String> refused = post("/echo/x.json", authorization);
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.body()).contains("\"code\":20003").doesNotContain("path");
        }
    }

    @Test
    void theResourceGetsThePathWithoutTheQueryAndReadsFormAndQueryValues() throws Exception {
        HttpResponse<String> echoed = post("/echo/x.json?PageSize=20", "basic QUM6dG9rZW4=");
        assertThat(echoed.statusCode()).isEqualTo(200);
        assertThat(echoed.body()).contains("\"path\":\"/echo/x.json\"", "\"to\":\"+19045550177\"", "\"missing\":\"\"",
                "\"page\":\"20\"", "\"noQuery\":\"\"");
    }

    @Test
    void whatIsCreatedIsKeptInOrderAnnouncedAndForgottenOnClear() {
        Echo echo = new Echo();
        List<Map<String, Object>> announced = new ArrayList<>();
        echo.onCreate(announced::add);
        echo.created(Map.of("sid", "SM1"));
        echo.created(Map.of("sid", "SM2"));
        assertThat(echo.all()).extracting(m -> m.get("sid")).containsExactly("SM1", "SM2");
        assertThat(announced).isEqualTo(echo.all());
        echo.clear();
        assertThat(echo.all()).isEmpty();
        assertThat(announced).hasSize(2);
    }

    @Test
    void sidsAreThePrefixAnd32HexDigitsEachNew() {
        Set<String> sids = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            String sid = TwilioRestResource.newSid("CA");
            assertThat(sid).matches("CA[0-9a-f]{32}");
            sids.add(sid);
        }
        assertThat(sids).hasSize(50);
    }
}
