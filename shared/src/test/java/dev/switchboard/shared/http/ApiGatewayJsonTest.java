package dev.switchboard.shared.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.shared.testing.TwilioEvents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The stream entry point reads and writes what Lambda's own serializer would, for every HTTP sample event. */
class ApiGatewayJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every sample under events/ that is an HTTP API (payload 2.0) request. */
    static Stream<Path> httpEvents() throws IOException {
        List<Path> events = new ArrayList<>();
        try (Stream<Path> files = Files.list(TwilioEvents.projectRoot().resolve("events"))) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".json")).sorted()::iterator) {
                JsonNode root = JSON.readTree(file.toFile());
                if (root.has("rawPath") && root.path("requestContext").has("http")) {
                    events.add(file);
                }
            }
        }
        assertThat(events).hasSizeGreaterThan(20);
        return events.stream();
    }

    @ParameterizedTest
    @MethodSource("httpEvents")
    void readsEachSampleEventAsTheRuntimesSerializerDoes(Path file) throws IOException {
        APIGatewayV2HTTPEvent expected = runtimeSerializer(APIGatewayV2HTTPEvent.class).fromJson(Files.newInputStream(file));
        APIGatewayV2HTTPEvent read;
        try (InputStream in = Files.newInputStream(file)) {
            read = ApiGatewayJson.readEvent(in);
        }
        assertThat(read).isEqualTo(expected);
        assertThat(read.getRequestContext().getHttp().getMethod()).isNotBlank();
    }

    @Test
    void readsScalarsTheRuntimeWouldCoerceAndLeavesAbsentFieldsNull() throws IOException {
        String json = "{\"rawPath\":\"/x\",\"isBase64Encoded\":false,\"headers\":{\"x-count\":3,\"x-flag\":true},"
                + "\"requestContext\":{\"timeEpoch\":1767225600000,\"http\":{\"method\":\"GET\"}}}";
        APIGatewayV2HTTPEvent read = read(json);
        assertThat(read).isEqualTo(runtimeSerializer(APIGatewayV2HTTPEvent.class)
                .fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))));
        assertThat(read.getHeaders()).containsEntry("x-count", "3").containsEntry("x-flag", "true");
        assertThat(read.getBody()).isNull();
        assertThat(read.getCookies()).isNull();
        assertThat(read.getRequestContext().getTimeEpoch()).isEqualTo(1767225600000L);
    }

    @Test
    void refusesWhatIsNotAnEventObject() {
        assertThatThrownBy(() -> read("[1, 2]")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> read("{\"rawPath\": ")).isInstanceOf(IOException.class);
    }

    @Test
    void writesEachResponseShapeAsTheRuntimesSerializerDoes() throws IOException {
        List<APIGatewayV2HTTPResponse> responses = List.of(
                HttpResponses.xml("<Response><Say>Hi &amp; \"bye\" é</Say></Response>"),
                HttpResponses.text(404, "Not found"),
                APIGatewayV2HTTPResponse.builder().withStatusCode(302)
                        .withHeaders(Map.of("Location", "/inbox"))
                        .withMultiValueHeaders(Map.of("Set-Cookie", List.of("a=1", "b=2")))
                        .withCookies(List.of("session=abc; HttpOnly; Secure")).build(),
                APIGatewayV2HTTPResponse.builder().withStatusCode(200).withBody("aGVsbG8=").withIsBase64Encoded(true).build(),
                APIGatewayV2HTTPResponse.builder().withStatusCode(204).build());
        for (APIGatewayV2HTTPResponse response : responses) {
            ByteArrayOutputStream ours = new ByteArrayOutputStream();
            ApiGatewayJson.writeResponse(response, ours);
            ByteArrayOutputStream runtime = new ByteArrayOutputStream();
            runtimeSerializer(APIGatewayV2HTTPResponse.class).toJson(response, runtime);
            assertThat(JSON.readTree(ours.toByteArray())).isEqualTo(withoutNulls(JSON.readTree(runtime.toByteArray())));
        }
    }

    @Test
    void theStreamEntryPointAnswersAsTheTypedOne() throws IOException {
        HttpApiHandler echo = (event, context) -> HttpResponses.text(200, HttpRequest.from(event).method() + " "
                + HttpRequest.from(event).path() + " " + HttpRequest.from(event).bodyText());
        byte[] event = Files.readAllBytes(TwilioEvents.projectRoot().resolve("events/incoming-call.json"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        echo.handleRequest(new ByteArrayInputStream(event), out, (Context) null);
        APIGatewayV2HTTPResponse typed = echo.handleRequest(TwilioEvents.load("incoming-call.json"), null);
        assertThat(JSON.readTree(out.toByteArray()).get("body").asText()).isEqualTo(typed.getBody()).startsWith("POST /twilio/voice ");

        ByteArrayOutputStream none = new ByteArrayOutputStream();
        ((HttpApiHandler) (e, c) -> null).handleRequest(new ByteArrayInputStream(event), none, null);
        assertThat(none.toString(StandardCharsets.UTF_8)).isEqualTo("null");
    }

    private static APIGatewayV2HTTPEvent read(String json) throws IOException {
        return ApiGatewayJson.readEvent(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @SuppressWarnings("unchecked")
    private static <T> PojoSerializer<T> runtimeSerializer(Class<T> type) {
        return (PojoSerializer<T>) LambdaEventSerializers.serializerFor(type, ApiGatewayJsonTest.class.getClassLoader());
    }

    private static JsonNode withoutNulls(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                if (fields.next().getValue().isNull()) {
                    fields.remove();
                }
            }
        }
        return node;
    }
}
