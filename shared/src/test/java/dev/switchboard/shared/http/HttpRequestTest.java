package dev.switchboard.shared.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.switchboard.shared.testing.TwilioEvents;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpRequestTest {

    @Test
    void decodesTheBase64BodyOfTheSampleEvent() {
        HttpRequest request = HttpRequest.from(TwilioEvents.load("incoming-call.json"));
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/twilio/voice");
        assertThat(request.mediaType()).isEqualTo("application/x-www-form-urlencoded");
        FormParameters params = FormParameters.parse(request.bodyText());
        assertThat(params.first("From")).contains("+19045550123");
        assertThat(params.first("CallSid")).hasValueSatisfying(sid -> assertThat(sid).startsWith("CA"));
    }

    @Test
    void stripsANamedStageFromThePath() {
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withRawPath("/dev/twilio/voice")
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withStage("dev")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("post").build()).build())
                .build();
        HttpRequest request = HttpRequest.from(event);
        assertThat(request.path()).isEqualTo("/twilio/voice");
        assertThat(request.method()).isEqualTo("POST");
    }

    @Test
    void refusesBadBase64WrongMethodsAndLargeBodies() {
        APIGatewayV2HTTPEvent bad = APIGatewayV2HTTPEvent.builder().withRawPath("/x").withBody("%%%")
                .withIsBase64Encoded(true).build();
        assertThatThrownBy(() -> HttpRequest.from(bad)).isInstanceOf(HttpProblem.class)
                .satisfies(e -> assertThat(((HttpProblem) e).status()).isEqualTo(400));

        HttpRequest get = new HttpRequest("GET", "/twilio/voice", "", Map.of(), new byte[0], null, Map.of());
        assertThatThrownBy(() -> get.require(1024, "POST")).isInstanceOf(HttpProblem.class)
                .satisfies(e -> {
                    assertThat(((HttpProblem) e).status()).isEqualTo(405);
                    assertThat(((HttpProblem) e).headers()).containsEntry("Allow", "POST");
                });
        byte[] big = new byte[64 * 1024 + 1];
        HttpRequest large = new HttpRequest("POST", "/twilio/voice", "", Map.of(), big, null, Map.of());
        assertThatThrownBy(() -> large.require(64 * 1024, "POST"))
                .satisfies(e -> assertThat(((HttpProblem) e).status()).isEqualTo(413));
    }

    @Test
    void formParametersKeepRepeatedKeysAndRejectBadEscapes() {
        FormParameters params = FormParameters.parse("a=1&a=2&b=%2B1+2&c");
        assertThat(params.all("a")).containsExactly("1", "2");
        assertThat(params.first("b")).contains("+1 2");
        assertThat(params.first("c")).isEmpty();
        assertThatThrownBy(() -> FormParameters.parse("a=%zz")).isInstanceOf(HttpProblem.class);
        assertThatThrownBy(() -> params.required("missing")).hasMessage("Missing missing");
        String encoded = Base64.getEncoder().encodeToString("x".getBytes(StandardCharsets.UTF_8));
        assertThat(encoded).isNotEmpty();
    }
}
