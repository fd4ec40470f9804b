package dev.switchboard.fakes.twilio;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.common.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FakeTwilioTest {

    private static final String ACCOUNT = "/2010-04-01/Accounts/" + FakeTwilio.ACCOUNT_SID;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static FakeTwilio twilio;

    @BeforeAll
    static void start() {
        twilio = FakeTwilio.start(wireMockConfig().dynamicPort());
    }

    @AfterAll
    static void stop() {
        twilio.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void messagesAreCreatedListedAndFetchedAsTwilioDoes() throws Exception {
        HttpResponse<String> created = send("POST", ACCOUNT + "/Messages.json", "To=%2B19045550177&From=%2B19045550200&Body=Hi+there", true);
        assertThat(created.statusCode()).isEqualTo(201);
        @SuppressWarnings("unchecked")
        Map<String, Object> message = Json.read(created.body(), Map.class);
        assertThat(message.get("sid").toString()).matches("SM[0-9a-f]{32}");
        assertThat(message).containsEntry("status", "queued").containsEntry("to", "+19045550177").containsEntry("body", "Hi there");
        assertThat(twilio.messages().all()).extracting(m -> m.get("sid")).contains(message.get("sid"));

        Map<String, Object> page = Json.read(send("GET", ACCOUNT + "/Messages.json?To=%2B19045550177&PageSize=20", null, true).body(), Map.class);
        assertThat((List<?>) page.get("messages")).first().satisfies(m -> assertThat(((Map<?, ?>) m).get("sid")).isEqualTo(message.get("sid")));
        assertThat(Json.read(send("GET", ACCOUNT + "/Messages.json?To=%2B10000000000", null, true).body(), Map.class).get("messages"))
                .asList().isEmpty();
        assertThat(send("GET", ACCOUNT + "/Messages/" + message.get("sid") + ".json", null, true).body()).contains("Hi there");

        assertThat(send("POST", ACCOUNT + "/Messages.json", "From=%2B19045550200&Body=x", true).body()).contains("21604");
        assertThat(send("POST", ACCOUNT + "/Messages.json", "To=%2B19045550177&Body=x", true).body()).contains("21603");
        assertThat(send("POST", ACCOUNT + "/Messages.json", "To=%2B19045550177&From=%2B19045550200", true).body()).contains("21602");
        assertThat(send("POST", ACCOUNT + "/Messages.json", "To=%2B19045550177&MessagingServiceSid=MG1&Body=x", true).body())
                .contains("\"status\":\"accepted\"");
        assertThat(send("GET", ACCOUNT + "/Messages.json", null, false).statusCode()).isEqualTo(401);
    }

    @Test
    void recordingsAreServedAndDeletedAndTheRestIs404() throws Exception {
        HttpResponse<String> media = send("GET", ACCOUNT + "/Recordings/RE123.mp3", null, false);
        assertThat(media.statusCode()).isEqualTo(200);
        assertThat(media.headers().firstValue("Content-Type")).contains("audio/mpeg");
        assertThat(send("DELETE", ACCOUNT + "/Recordings/RE123.json", null, true).statusCode()).isEqualTo(204);
        assertThat(send("DELETE", ACCOUNT + "/Recordings/RE123.json", null, false).statusCode()).isEqualTo(401);
        HttpResponse<String> other = send("GET", ACCOUNT + "/Calls.json", null, true);
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(other.body()).contains("\"code\":20404");
    }

    private static HttpResponse<String> send(String method, String path, String form, boolean auth) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(twilio.baseUrl() + path))
                .method(method, form == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(form));
        if (form != null) {
            request.header("Content-Type", "application/x-www-form-urlencoded");
        }
        if (auth) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (FakeTwilio.ACCOUNT_SID + ":token").getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
