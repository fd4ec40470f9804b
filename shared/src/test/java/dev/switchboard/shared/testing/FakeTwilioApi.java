package dev.switchboard.shared.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.switchboard.shared.http.FormParameters;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.util.ArrayList;
import java.util.List;

/**
 * A fake of Twilio's REST API on WireMock, built from its documented shapes: {@code POST .../Messages.json}
 * answers 201 with a Message resource echoing To/From/Body and a fresh {@code SM...} SID; the list endpoint
 * answers an empty page. Tests add their own stubs through {@link #server()} (recordings, Intelligence,
 * failures); higher-priority stubs win.
 */
public final class FakeTwilioApi implements AutoCloseable {

    public static final String ACCOUNT_SID = "AC00000000000000000000000000000000";
    private static final String MESSAGES = "/2010-04-01/Accounts/[A-Za-z0-9]+/Messages\\.json";

    private final WireMockServer server;
    private final List<StubMapping> failures = new ArrayList<>();
    private int scenarios;

    public FakeTwilioApi() {
        server = new WireMockServer(wireMockConfig().dynamicPort()
                .globalTemplating(true));
        server.start();
        server.stubFor(post(urlPathMatching(MESSAGES)).atPriority(10).willReturn(aResponse()
                .withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody(messageJson("queued"))));
        server.stubFor(get(urlPathMatching(MESSAGES)).atPriority(10).willReturn(aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"messages\": [], \"page\": 0, \"page_size\": 50, \"first_page_uri\": null,"
                        + " \"next_page_uri\": null, \"previous_page_uri\": null, \"uri\": \"{{request.url}}\"}")));
    }

    /** A Message resource as Twilio returns it, echoing the request's form fields. */
    public static String messageJson(String status) {
        return "{\"sid\": \"SM{{randomValue length=32 type='HEXADECIMAL' uppercase=false}}\","
                + " \"account_sid\": \"" + ACCOUNT_SID + "\","
                + " \"to\": \"{{formData request.body 'form' urlDecode=true}}{{form.To}}\","
                + " \"from\": \"{{form.From}}\", \"messaging_service_sid\": \"{{form.MessagingServiceSid}}\","
                + " \"body\": \"{{form.Body}}\", \"status\": \"" + status + "\", \"num_segments\": \"1\","
                + " \"direction\": \"outbound-api\", \"api_version\": \"2010-04-01\","
                + " \"date_created\": \"{{now format='EEE, dd MMM yyyy HH:mm:ss Z'}}\","
                + " \"date_updated\": \"{{now format='EEE, dd MMM yyyy HH:mm:ss Z'}}\", \"date_sent\": null,"
                + " \"error_code\": null, \"error_message\": null, \"price\": null, \"price_unit\": \"USD\","
                + " \"uri\": \"/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages/SM0.json\", \"subresource_uris\": {}}";
    }

    /** The next {@code times} message POSTs fail with {@code status} (e.g. 500, 429); later ones succeed. */
    public void failNextMessages(int times, int status, String twilioErrorJson) {
        String scenario = "message-failures-" + (++scenarios);
        String state = Scenario.STARTED;
        for (int i = 0; i < times; i++) {
            String next = "failed-" + (i + 1);
            failures.add(server.stubFor(post(urlPathMatching(MESSAGES)).atPriority(1).inScenario(scenario)
                    .whenScenarioStateIs(state).willSetStateTo(next)
                    .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                            .withBody(twilioErrorJson))));
            state = next;
        }
    }

    /** Twilio's error body: {@code {"code": 21610, "message": ..., "more_info": ..., "status": 400}}. */
    public static String error(int status, int code, String message) {
        return "{\"code\": " + code + ", \"message\": \"" + message + "\", \"more_info\": "
                + "\"https://www.twilio.com/docs/errors/" + code + "\", \"status\": " + status + "}";
    }

    /** The base URL to use as TWILIO_API_BASE_URL. */
    public String baseUrl() {
        return server.baseUrl();
    }

    public WireMockServer server() {
        return server;
    }

    /** Form parameters of every message POST received, oldest first. */
    public List<FormParameters> sentMessages() {
        List<LoggedRequest> requests = server.findAll(postRequestedFor(urlPathMatching(MESSAGES)));
        return requests.stream().map(r -> FormParameters.parse(r.getBodyAsString())).toList();
    }

    /** Forgets received requests and the failures set up by {@link #failNextMessages}. */
    public void reset() {
        failures.forEach(server::removeStub);
        failures.clear();
        server.resetRequests();
        server.resetScenarios();
    }

    @Override
    public void close() {
        server.stop();
    }
}
