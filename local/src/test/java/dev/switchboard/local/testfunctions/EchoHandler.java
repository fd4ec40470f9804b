package dev.switchboard.local.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Test-only: answers with what it saw at construction and invocation, exercising every response field. */
public class EchoHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final Map<String, String> environment;
    private final String greetingAtColdStart;

    public EchoHandler() {
        this(System.getenv());
    }

    public EchoHandler(Map<String, String> environment) {
        this.environment = environment;
        this.greetingAtColdStart = environment.getOrDefault("GREETING", "none");
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String text = greetingAtColdStart + "|" + environment.getOrDefault("GREETING", "none") + "|"
                + context.getFunctionName() + "|" + context.getMemoryLimitInMB() + "|"
                + (context.getRemainingTimeInMillis() > 0) + "|"
                + (event.getPathParameters() == null ? "" : event.getPathParameters().getOrDefault("name", ""));
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(201)
                .withHeaders(Map.of("Content-Type", "text/plain", "X-Single", "1"))
                .withMultiValueHeaders(Map.of("X-Multi", List.of("a", "b")))
                .withCookies(List.of("session=abc; Path=/", "theme=dark"))
                .withBody(Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)))
                .withIsBase64Encoded(true)
                .build();
    }
}
