package dev.switchboard.shared.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A function behind the HTTP API. Lambda's Java runtime gives a class that is a {@link RequestStreamHandler}
 * the event's bytes (for the handler {@code Class} and {@code Class::handleRequest} alike: the
 * {@code (InputStream, OutputStream, Context)} overload ranks first), so the event is read and the response
 * written by {@link ApiGatewayJson} instead of the runtime's POJO serializer, a third of a cold start's
 * class loading (docs/performance.md). The typed {@code handleRequest} stays the one place a request is
 * answered: tests, priming and the stream entry point all go through it. Implementations name
 * {@code RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>} in their own declaration as well, so
 * the event types read off the class itself (the template contract test, tools that inspect handlers).
 */
public interface HttpApiHandler
        extends RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, RequestStreamHandler {

    /** The JSON {@code null}. */
    byte[] NULL = {'n', 'u', 'l', 'l'};

    @Override
    default void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        APIGatewayV2HTTPResponse response = handleRequest(ApiGatewayJson.readEvent(input), context);
        if (response == null) {
            output.write(NULL); // what the runtime's serializer writes for no response
        } else {
            ApiGatewayJson.writeResponse(response, output);
        }
    }
}
