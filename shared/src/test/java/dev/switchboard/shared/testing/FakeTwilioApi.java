package dev.switchboard.shared.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.switchboard.fakes.twilio.FakeTwilio;
import dev.switchboard.fakes.twilio.TwilioJson;
import dev.switchboard.fakes.twilio.TwilioMessages;
import dev.switchboard.shared.http.FormParameters;
import java.util.ArrayList;
import java.util.List;

/**
 * Twilio's REST API for tests: the same stubs as the local stack's sandbox ({@link FakeTwilio}: messages
 * created, listed and fetched, recordings served and deleted), plus what tests need on top: failures on
 * demand and the form of every message POST. Tests add their own stubs through {@link #server()};
 * higher-priority stubs win.
 */
public final class FakeTwilioApi implements AutoCloseable {

    public static final String ACCOUNT_SID = FakeTwilio.ACCOUNT_SID;
    private static final String MESSAGES = TwilioMessages.MESSAGES;

    private final FakeTwilio twilio;
    private final List<StubMapping> failures = new ArrayList<>();
    private int scenarios;

    public FakeTwilioApi() {
        twilio = FakeTwilio.start(wireMockConfig().dynamicPort());
    }

    /** The next {@code times} message POSTs fail with {@code status} (e.g. 500, 429); later ones succeed. */
    public void failNextMessages(int times, int status, String twilioErrorJson) {
        String scenario = "message-failures-" + (++scenarios);
        String state = Scenario.STARTED;
        for (int i = 0; i < times; i++) {
            String next = "failed-" + (i + 1);
            failures.add(server().stubFor(post(urlPathMatching(MESSAGES)).atPriority(1).inScenario(scenario)
                    .whenScenarioStateIs(state).willSetStateTo(next)
                    .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                            .withBody(twilioErrorJson))));
            state = next;
        }
    }

    /** Twilio's error body: {@code {"code": 21610, "message": ..., "more_info": ..., "status": 400}}. */
    public static String error(int status, int code, String message) {
        return TwilioJson.error(status, code, message);
    }

    /** The base URL to use as TWILIO_API_BASE_URL. */
    public String baseUrl() {
        return twilio.baseUrl();
    }

    public WireMockServer server() {
        return twilio.server();
    }

    /** Form parameters of every message POST received (failed ones included), oldest first. */
    public List<FormParameters> sentMessages() {
        List<LoggedRequest> requests = server().findAll(postRequestedFor(urlPathMatching(MESSAGES)));
        return requests.stream().map(r -> FormParameters.parse(r.getBodyAsString())).toList();
    }

    /** Forgets received requests, created messages and the failures set up by {@link #failNextMessages}. */
    public void reset() {
        failures.forEach(server()::removeStub);
        failures.clear();
        server().resetRequests();
        server().resetScenarios();
        twilio.messages().clear();
    }

    @Override
    public void close() {
        twilio.close();
    }
}
