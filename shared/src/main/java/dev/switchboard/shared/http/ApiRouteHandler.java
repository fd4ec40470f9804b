package dev.switchboard.shared.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.switchboard.shared.config.Priming;
import dev.switchboard.shared.logging.FunctionLogging;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The shape of every owner-side API route's handler (not a Twilio webhook: see {@code TwilioWebhookHandler}):
 * structured logging around the invocation, the request read ({@link HttpRequest#from}), {@link #route}, and
 * the two ways out that are not the route's own answer:
 * <ul>
 *   <li>a refusal ({@link HttpProblem}, a 4xx) thrown anywhere is answered by {@link #refused} (by default
 *       its plain-text response), before anything is written;</li>
 *   <li>a dependency that is down ({@link #isUnavailable}: by default an AWS SDK failure) is logged as one
 *       ERROR naming the route and answered by {@link #unavailable} (a 503), never a 5xx from Lambda.</li>
 * </ul>
 * SnapStart priming is one line of the production constructor: {@link #primeWith(String)}, or
 * {@link #primeWith(String, Function)} for a route behind credentials, so that the canned request carries the
 * function's own and primes the real route rather than its 401.
 */
// RequestHandler is HttpApiHandler\'s too; named here so the event types read off this class.
public abstract class ApiRouteHandler
        implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, HttpApiHandler {

    private final String name;
    private final Logger log = LoggerFactory.getLogger(getClass());

    /** @param name the route's name in log lines ({@code "Inbox"}, {@code "Notify API"}) */
    protected ApiRouteHandler(String name) {
        this.name = name;
    }

    @Override
    public final APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return FunctionLogging.around(context, () -> handle(event));
    }

    /** One request, without the logging context (for tests). */
    public final APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        try {
            return route(HttpRequest.from(event));
        } catch (HttpProblem problem) {
            return refused(problem);
        } catch (RuntimeException e) {
            if (!isUnavailable(e)) {
                throw e;
            }
            log.error("{}: unavailable ({})", name, e instanceof SdkException ? e.getMessage() : e.toString());
            return unavailable();
        }
    }

    /**
     * Serves the request: parse, authenticate, call the service, map its outcome.
     *
     * @throws HttpProblem for a request refused (nothing may have been written yet)
     */
    protected abstract APIGatewayV2HTTPResponse route(HttpRequest request);

    /** The response to a refusal; by default the problem's own (plain text, its headers). */
    protected APIGatewayV2HTTPResponse refused(HttpProblem problem) {
        return problem.toResponse();
    }

    /** Whether {@code failure} means a dependency is down (a 503) rather than a bug; by default an AWS SDK failure. */
    protected boolean isUnavailable(RuntimeException failure) {
        return failure instanceof SdkException;
    }

    /** The 503 answered when a dependency is down. */
    protected abstract APIGatewayV2HTTPResponse unavailable();

    /** SnapStart priming on the sample {@code event} ({@code events/<event>}) as it is ({@link Priming}). */
    protected final void primeWith(String event) {
        Priming.register(this, APIGatewayV2HTTPEvent.class, event);
    }

    /**
     * SnapStart priming on the sample {@code event} with its credentials replaced, at priming time, by the
     * headers {@code credentials} makes for the request (this function's own token or signature, read then
     * from its settings, kept in memory only): the real route is primed, not its 401. When
     * {@code credentials} gives none (nothing configured), the sample is answered as it is.
     */
    protected final void primeWith(String event, Function<HttpRequest, Map<String, String>> credentials) {
        Priming.register(this, () -> withCredentials(Priming.readEvent(event, APIGatewayV2HTTPEvent.class), credentials),
                event);
    }

    /**
     * {@code event} with its {@code Authorization} header, and any header {@code credentials} names, replaced
     * by what {@code credentials} gives (header names compared without case); unchanged when it gives nothing.
     */
    public static APIGatewayV2HTTPEvent withCredentials(APIGatewayV2HTTPEvent event,
                                                        Function<HttpRequest, Map<String, String>> credentials) {
        Map<String, String> replacing = credentials.apply(HttpRequest.from(event));
        if (replacing.isEmpty()) {
            return event;
        }
        Map<String, String> headers = new HashMap<>(event.getHeaders() == null ? Map.of() : event.getHeaders());
        headers.keySet().removeIf(h -> h.equalsIgnoreCase("authorization")
                || replacing.keySet().stream().anyMatch(h::equalsIgnoreCase));
        headers.putAll(replacing);
        event.setHeaders(headers);
        return event;
    }

    /** The {@code Authorization} header carrying {@code token} as a bearer token. */
    public static Map<String, String> bearer(String token) {
        return Map.of("authorization", "Bearer " + token);
    }
}
