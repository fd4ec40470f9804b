package dev.switchboard.fakes.twilio;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.Extension;
import dev.switchboard.fakes.FakeServer;
import java.util.List;

/**
 * Twilio's REST API on WireMock, built from its documented shapes: the one set of stubs behind both the local
 * stack's Twilio sandbox and the tests' fake. {@link TwilioMessages} (create, list, fetch),
 * {@link TwilioCalls} (create) and {@link TwilioRecordings} (media, delete); anything else gets Twilio's 404 error. Stubs at priority 10, so a
 * test's own stubs (default priority 5, or 1 for failures) win.
 *
 * <pre>{@code
 * try (FakeTwilio twilio = FakeTwilio.start(wireMockConfig().dynamicPort())) {
 *     settings TWILIO_API_BASE_URL=twilio.baseUrl() ...
 *     twilio.messages().all();     // what was "sent"
 * }
 * }</pre>
 */
public final class FakeTwilio extends FakeServer {

    public static final String ACCOUNT_SID = "AC" + "0".repeat(32);
    /** Name of the catch-all stub: a request no resource fakes. */
    public static final String NOT_FAKED_STUB = "twilio-not-faked";

    private final TwilioMessages messages;
    private final TwilioCalls calls;

    private FakeTwilio(WireMockServer server, TwilioMessages messages, TwilioCalls calls) {
        super(server);
        this.messages = messages;
        this.calls = calls;
    }

    /** Starts a server with {@code config} (port, bind address, further extensions) and Twilio's stubs. */
    public static FakeTwilio start(WireMockConfiguration config) {
        TwilioMessages messages = new TwilioMessages();
        TwilioCalls calls = new TwilioCalls();
        List<TwilioResource> resources = List.of(messages, calls, new TwilioRecordings());
        resources.forEach(r -> config.extensions(r.extensions().toArray(Extension[]::new)));
        WireMockServer server = new WireMockServer(config);
        server.start();
        resources.forEach(r -> r.stub(server));
        server.stubFor(any(anyUrl()).atPriority(100).withName(NOT_FAKED_STUB).willReturn(TwilioJson.json(404,
                TwilioJson.error(404, 20404, "The requested resource is not faked here"))));
        return new FakeTwilio(server, messages, calls);
    }

    public TwilioMessages messages() {
        return messages;
    }

    /** The Calls API (click-to-call). */
    public TwilioCalls calls() {
        return calls;
    }
}
