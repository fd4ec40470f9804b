package dev.switchboard.shared.twilio;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.switchboard.shared.http.HttpApiHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.switchboard.shared.config.Priming;
import dev.switchboard.shared.http.FormParameters;
import dev.switchboard.shared.http.HttpProblem;
import dev.switchboard.shared.http.HttpRequest;
import dev.switchboard.shared.http.HttpResponses;
import dev.switchboard.shared.logging.FunctionLogging;
import java.util.Set;

/**
 * The shape of every Twilio webhook's handler: the request read, a path it does not serve answered 404,
 * the webhook passed through {@link TwilioWebhook#accept} (method, size, signature) and its identifiers set
 * as log fields ({@link TwilioLogFields}), then {@link #answer}; a refusal ({@link HttpProblem}, a 4xx) at
 * any point is the response, before anything is written. Structured logging is around all of it.
 */
// RequestHandler is HttpApiHandler\'s too; named here so the event types read off this class.
public abstract class TwilioWebhookHandler
        implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, HttpApiHandler {

    private final TwilioWebhook webhook;
    private final Set<String> paths;

    /** @param paths the routes this function serves (another path is a 404); empty: whatever routes to it */
    protected TwilioWebhookHandler(TwilioWebhook webhook, Set<String> paths) {
        this.webhook = webhook;
        this.paths = Set.copyOf(paths);
    }

    protected TwilioWebhookHandler(TwilioWebhook webhook) {
        this(webhook, Set.of());
    }

    /**
     * SnapStart priming on the sample {@code event} ({@code events/<event>}), signed with this function's
     * own key so the real path runs ({@link Priming}). One line in the production constructor.
     */
    protected final void primeWith(String event) {
        Priming.register(this, () -> webhook.signedForPriming(Priming.readEvent(event, APIGatewayV2HTTPEvent.class)), event);
    }

    protected TwilioWebhook webhook() {
        return webhook;
    }

    @Override
    public final APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return FunctionLogging.around(context, () -> handle(event));
    }

    private APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        try {
            HttpRequest request = HttpRequest.from(event);
            if (!paths.isEmpty() && !paths.contains(request.path())) {
                return HttpResponses.text(404, "Not found");
            }
            return answer(request, TwilioLogFields.of(webhook.accept(request)));
        } catch (HttpProblem problem) {
            return problem.toResponse();
        }
    }

    /**
     * Reads the accepted webhook, hands it to the function's service and maps the outcome to the response.
     *
     * @throws HttpProblem for parameters that are missing or malformed (nothing may have been written yet)
     */
    protected abstract APIGatewayV2HTTPResponse answer(HttpRequest request, FormParameters params);
}
