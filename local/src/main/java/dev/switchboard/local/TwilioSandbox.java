package dev.switchboard.local;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.switchboard.fakes.twilio.FakeTwilio;
import dev.switchboard.fakes.twilio.TwilioRecordings;
import dev.switchboard.shared.logging.PhoneMask;
import java.util.List;
import java.util.Map;

/**
 * A stand-in for the Twilio REST calls Switchboard makes, so that a newcomer sees texts "go out" with no
 * Twilio account and no network: the same stubs the tests use ({@link FakeTwilio}), printing
 * {@code [twilio-sandbox] text to +1******0177: ...} for every text and naming every request it has no
 * fake for. It delivers nothing, sends no status callbacks and checks no credentials beyond requiring HTTP
 * Basic auth.
 */
public final class TwilioSandbox implements AutoCloseable {

    private final FakeTwilio twilio;

    private TwilioSandbox(FakeTwilio twilio) {
        this.twilio = twilio;
    }

    /** Binds {@code host:port} (0 = a free port) and starts serving. */
    public static TwilioSandbox start(String host, int port) {
        FakeTwilio twilio = Sandboxes.listen("The Twilio sandbox", host, port,
                config -> FakeTwilio.start(config.extensions(new ConsoleReport())));
        twilio.messages().onCreate(m -> ConsoleLog.info("twilio-sandbox", "text to "
                + PhoneMask.mask(String.valueOf(m.get("to"))) + ": " + m.get("body")));
        twilio.calls().onCreate(c -> ConsoleLog.info("twilio-sandbox", "call to "
                + PhoneMask.mask(String.valueOf(c.get("to"))) + " from " + c.get("from") + " (" + c.get("sid")
                + "): nothing rings here"));
        return new TwilioSandbox(twilio);
    }

    public int port() {
        return twilio.port();
    }

    /** What functions use as {@code TWILIO_API_BASE_URL}. */
    public String baseUrl() {
        return "http://localhost:" + port();
    }

    /** The messages "sent" so far, oldest first, as the JSON Twilio returned for each. */
    public List<Map<String, Object>> messages() {
        return twilio.messages().all();
    }

    /** The calls "placed" so far (click-to-call), oldest first: Twilio's JSON plus the request's url. */
    public List<Map<String, Object>> calls() {
        return twilio.calls().all();
    }

    @Override
    public void close() {
        twilio.close();
    }

    /** Prints deletions, and requests the sandbox has no fake for. */
    private static final class ConsoleReport implements ServeEventListener {

        @Override
        public String getName() {
            return "twilio-sandbox-console";
        }

        @Override
        public boolean applyGlobally() {
            return true;
        }

        @Override
        public void afterComplete(ServeEvent event, Parameters parameters) {
            StubMapping stub = event.getStubMapping();
            String name = stub == null ? null : stub.getName();
            String request = event.getRequest().getMethod() + " " + event.getRequest().getUrl();
            if (TwilioRecordings.DELETE_STUB.equals(name)) {
                ConsoleLog.info("twilio-sandbox", "recording deleted: " + request);
            } else if (name == null || FakeTwilio.NOT_FAKED_STUB.equals(name)) {
                ConsoleLog.warn("twilio-sandbox", "no fake for " + request + "; answering 404");
            }
        }
    }
}
