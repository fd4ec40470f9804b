package dev.switchboard.fakes.ses;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.switchboard.fakes.FakeServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Amazon SES v2's {@code SendEmail} ({@code POST /v2/email/outbound-emails}) on WireMock, from its documented
 * shapes: a simple message is kept (from, to, subject, text and HTML parts) and answered with a
 * {@code MessageId}; a request without a sender, a recipient or content gets SES's 400
 * {@code BadRequestException}. Nothing is sent. The local stack's e-mail stand-in and the tests' fake.
 * A test's own stub (default priority 5) wins over these (priority 10), e.g. a 500 for an outage.
 */
public final class FakeSes extends FakeServer {

    public static final String SEND_EMAIL = "/v2/email/outbound-emails";
    static final String TRANSFORMER = "ses-send-email";

    /** One e-mail as SES received it. */
    public record Email(String messageId, String from, List<String> to, String subject, String text, String html) {
    }

    private final Recorder recorder;

    private FakeSes(WireMockServer server, Recorder recorder) {
        super(server);
        this.recorder = recorder;
    }

    /** Starts a server with {@code config} (port, bind address) and the SES stubs. */
    public static FakeSes start(WireMockConfiguration config) {
        Recorder recorder = new Recorder();
        config.extensions(recorder);
        WireMockServer server = new WireMockServer(config);
        server.start();
        server.stubFor(post(urlPathEqualTo(SEND_EMAIL)).atPriority(10)
                .willReturn(aResponse().withTransformers(TRANSFORMER)));
        server.stubFor(any(anyUrl()).atPriority(100).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withHeader("x-amzn-ErrorType", "NotFoundException")
                .withBody("{\"message\":\"This SES operation is not faked here\"}")));
        return new FakeSes(server, recorder);
    }

    /** The e-mails received so far, oldest first. */
    public List<Email> emails() {
        return List.copyOf(recorder.emails);
    }

    /** Called with each e-mail as it is received. */
    public void onSend(Consumer<Email> listener) {
        recorder.listeners.add(listener);
    }

    public void clear() {
        recorder.emails.clear();
    }

    static ResponseDefinition error(int status, String type, String message) {
        String body = Json.write(Map.of("message", message));
        return com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition()
                .withStatus(status).withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-ErrorType", type).withBody(body).build();
    }

    private static final class Recorder implements ResponseDefinitionTransformerV2 {

        final List<Email> emails = new CopyOnWriteArrayList<>();
        final List<Consumer<Email>> listeners = new CopyOnWriteArrayList<>();

        @Override
        public String getName() {
            return TRANSFORMER;
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            Map<String, Object> body;
            try {
                body = Json.read(event.getRequest().getBodyAsString(), Map.class);
            } catch (RuntimeException e) {
                return error(400, "BadRequestException", "The request body is not JSON");
            }
            String from = text(body, "FromEmailAddress");
            List<String> to = new ArrayList<>();
            if (path(body, "Destination").get("ToAddresses") instanceof List<?> addresses) {
                addresses.forEach(a -> to.add(String.valueOf(a)));
            }
            Map<String, Object> simple = path(path(body, "Content"), "Simple");
            if (from == null || from.isBlank()) {
                return error(400, "BadRequestException", "FromEmailAddress is required");
            }
            if (to.isEmpty()) {
                return error(400, "BadRequestException", "Destination is required");
            }
            String subject = text(path(simple, "Subject"), "Data");
            if (subject == null || subject.isEmpty()) {
                return error(400, "BadRequestException", "Content.Simple with a Subject is required");
            }
            Map<String, Object> parts = path(simple, "Body");
            Email email = new Email(UUID.randomUUID().toString(), from, List.copyOf(to), subject,
                    text(path(parts, "Text"), "Data"), text(path(parts, "Html"), "Data"));
            emails.add(email);
            listeners.forEach(l -> l.accept(email));
            return com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition()
                    .withStatus(200).withHeader("Content-Type", "application/json")
                    .withBody(Json.write(Map.of("MessageId", email.messageId()))).build();
        }

        @SuppressWarnings("unchecked")
        private static Map<String, Object> path(Map<String, Object> node, String name) {
            Object value = node == null ? null : node.get(name);
            return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
        }

        private static String text(Map<String, Object> node, String name) {
            Object value = node.get(name);
            return value == null ? null : String.valueOf(value);
        }
    }
}
