package dev.switchboard.local;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.util.function.Function;

/**
 * How the local stack's third-party stand-ins ({@link TwilioSandbox}, {@link SesSandbox}) listen: WireMock
 * bound to one address and port, with enough threads for the functions calling it at once and its own
 * logging through SLF4J (not verbose); a port that cannot be bound is one clear error naming the sandbox.
 */
final class Sandboxes {

    private Sandboxes() {
    }

    /**
     * Starts {@code start} on {@code host:port} (0 = a free port).
     *
     * @param name the sandbox, for the error ({@code "The Twilio sandbox"})
     * @throws IllegalStateException when it cannot listen there
     */
    static <T> T listen(String name, String host, int port, Function<WireMockConfiguration, T> start) {
        try {
            return start.apply(wireMockConfig().bindAddress(host).port(port).containerThreads(10)
                    .notifier(new Slf4jNotifier(false)));
        } catch (RuntimeException e) {
            throw new IllegalStateException(name + " could not listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }
}
