package dev.switchboard.fakes;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * A third party faked on one started WireMock server ({@code FakeTwilio}, {@code FakeSes}): where it
 * listens, the server itself (for a test's own stubs, which win over the fake's at a lower priority number),
 * and stopping it.
 */
public abstract class FakeServer implements AutoCloseable {

    private final WireMockServer server;

    protected FakeServer(WireMockServer server) {
        this.server = server;
    }

    /** What Switchboard is pointed at ({@code TWILIO_API_BASE_URL}, {@code SES_ENDPOINT_URL}). */
    public String baseUrl() {
        return server.baseUrl();
    }

    public int port() {
        return server.port();
    }

    public WireMockServer server() {
        return server;
    }

    /** Stops the server. */
    @Override
    public void close() {
        server.stop();
    }
}
