package dev.switchboard.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.switchboard.shared.http.FormParameters;
import dev.switchboard.shared.http.HttpRequest;
import dev.switchboard.shared.twilio.TwilioRequestVerifier;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** invoke/simulate signatures pass the verifier functions use. */
class WebhookSignerTest {

    private static final String TOKEN = "0123456789abcdef0123456789abcdef";
    private static final String BASE = "http://localhost:3000";

    @Test
    void resignedSampleFormEventVerifies() {
        APIGatewayV2HTTPEvent event = EventJson.read(TestPaths.resource("events/incoming-call.json"), APIGatewayV2HTTPEvent.class);
        assertThat(verify(event)).isPresent(); // signed with some other token

        WebhookSigner.resign(event, TOKEN, BASE);

        assertThat(event.getHeaders()).containsKey("x-twilio-signature");
        assertThat(verify(event)).isEmpty();
    }

    @Test
    void jsonBodiesGetBodySha256() {
        String json = "{\"transcript_sid\":\"GT123\"}";
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withRawPath("/twilio/intelligence").withRawQueryString("a=1&bodySHA256=stale")
                .withHeaders(Map.of("content-type", "application/json", "X-Twilio-Signature", "old"))
                .withBody(Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)))
                .withIsBase64Encoded(true)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST").build()).build())
                .build();

        WebhookSigner.resign(event, TOKEN, BASE + "/");

        assertThat(event.getRawQueryString()).startsWith("a=1&bodySHA256=").doesNotContain("stale");
        assertThat(event.getQueryStringParameters()).containsKey("bodySHA256");
        assertThat(event.getHeaders().keySet()).containsExactlyInAnyOrder("content-type", "x-twilio-signature");
        assertThat(verify(event)).isEmpty();
    }

    private static java.util.Optional<String> verify(APIGatewayV2HTTPEvent event) {
        HttpRequest request = HttpRequest.from(event);
        return new TwilioRequestVerifier(BASE, List.of(TOKEN))
                .rejection(request, FormParameters.parse(request.bodyText()));
    }
}
