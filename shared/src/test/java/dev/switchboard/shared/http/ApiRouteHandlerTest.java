package dev.switchboard.shared.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.switchboard.shared.config.Priming;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

class ApiRouteHandlerTest {

    /** A route that answers what {@code answer} gives, and remembers the Authorization header of each request. */
    static class Route extends ApiRouteHandler {
        final List<String> authorizations = new CopyOnWriteArrayList<>();
        final Function<HttpRequest, APIGatewayV2HTTPResponse> answer;

        Route(Function<HttpRequest, APIGatewayV2HTTPResponse> answer) {
            super("Test route");
            this.answer = answer;
        }

        @Override
        protected APIGatewayV2HTTPResponse route(HttpRequest request) {
            authorizations.add(request.header("authorization").orElse("(none)"));
            return answer.apply(request);
        }

        @Override
        protected APIGatewayV2HTTPResponse unavailable() {
            return HttpResponses.text(503, "down");
        }

        void prime(String event, Function<HttpRequest, Map<String, String>> credentials) {
            primeWith(event, credentials);
        }
    }

    static APIGatewayV2HTTPEvent get(String path, Map<String, String> headers) {
        return APIGatewayV2HTTPEvent.builder().withRawPath(path).withHeaders(headers)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET").build()).build())
                .build();
    }

    @Test
    void theRouteAnswers() {
        Route route = new Route(request -> HttpResponses.json(200, "{\"path\":\"" + request.path() + "\"}"));
        APIGatewayV2HTTPResponse response = route.handle(get("/api/x", Map.of()));
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody()).isEqualTo("{\"path\":\"/api/x\"}");
    }

    @Test
    void aRefusalIsItsOwnPlainResponseByDefault() {
        Route route = new Route(request -> {
            throw HttpProblem.methodNotAllowed("GET");
        });
        APIGatewayV2HTTPResponse response = route.handle(get("/api/x", Map.of()));
        assertThat(response.getStatusCode()).isEqualTo(405);
        assertThat(response.getHeaders()).containsEntry("Allow", "GET");
        assertThat(response.getBody()).isEqualTo("Method not allowed\n");
    }

    @Test
    void anUnreadableEventIsRefusedBeforeTheRoute() {
        Route route = new Route(request -> HttpResponses.noContent());
        APIGatewayV2HTTPEvent bad = APIGatewayV2HTTPEvent.builder().withRawPath("/x").withBody("%%%")
                .withIsBase64Encoded(true).build();
        assertThat(route.handle(bad).getStatusCode()).isEqualTo(400);
        assertThat(route.handle(null).getStatusCode()).isEqualTo(400);
        assertThat(route.authorizations).isEmpty();
    }

    @Test
    void anAwsFailureIsTheRoutesUnavailableAnswerAndAnyOtherFailureIsNotSwallowed() {
        Route storageDown = new Route(request -> {
            throw SdkClientException.create("connection refused");
        });
        APIGatewayV2HTTPResponse response = storageDown.handle(get("/api/x", Map.of()));
        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(response.getBody()).isEqualTo("down\n");

        Route bug = new Route(request -> {
            throw new IllegalStateException("a bug");
        });
        assertThatThrownBy(() -> bug.handle(get("/api/x", Map.of()))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aRouteMayCountEveryFailureAsUnavailable() {
        Route everything = new Route(request -> {
            throw new IllegalStateException("a bug");
        }) {
            @Override
            protected boolean isUnavailable(RuntimeException failure) {
                return true;
            }
        };
        assertThat(everything.handle(get("/api/x", Map.of())).getStatusCode()).isEqualTo(503);
    }

    @Test
    void credentialsReplaceTheSamplesAuthorizationWhateverItsCase() {
        APIGatewayV2HTTPEvent event = get("/api/x", Map.of("Authorization", "Bearer sample", "X-Sig", "old", "Accept", "*/*"));
        APIGatewayV2HTTPEvent signed = ApiRouteHandler.withCredentials(event, request -> Map.of("x-sig", "new"));
        assertThat(signed.getHeaders()).containsExactlyInAnyOrderEntriesOf(Map.of("x-sig", "new", "Accept", "*/*"));

        APIGatewayV2HTTPEvent bearer = ApiRouteHandler.withCredentials(get("/api/x", Map.of("authorization", "Bearer sample")),
                request -> ApiRouteHandler.bearer("own-token-0123456789"));
        assertThat(bearer.getHeaders()).containsExactlyEntriesOf(Map.of("authorization", "Bearer own-token-0123456789"));
    }

    @Test
    void withoutCredentialsTheSampleIsLeftAsItIs() {
        APIGatewayV2HTTPEvent event = get("/api/x", Map.of("authorization", "Bearer sample"));
        assertThat(ApiRouteHandler.withCredentials(event, request -> Map.of()).getHeaders())
                .containsExactlyEntriesOf(Map.of("authorization", "Bearer sample"));
    }

    @Test
    void primingAnswersTheSampleWithTheFunctionsOwnCredentialsReadAtPrimingTime() {
        String[] token = {"not-yet"};
        Route route = new Route(request -> HttpResponses.noContent());
        route.prime("recordings-api-list.json", request -> ApiRouteHandler.bearer(token[0]));
        assertThat(route.authorizations).isEmpty();
        token[0] = "own-token-0123456789";

        Priming.runBeforeCheckpoint();

        assertThat(route.authorizations).hasSize(Priming.ROUNDS).containsOnly("Bearer own-token-0123456789");
    }
}
