package dev.switchboard.shared.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.switchboard.emulators.AwsEmulators;
import dev.switchboard.shared.sms.OutgoingText;
import dev.switchboard.shared.sms.SendAttempt;
import dev.switchboard.shared.sms.TwilioTextGateway;
import dev.switchboard.shared.storage.Table;
import dev.switchboard.shared.testing.Emulators;
import dev.switchboard.shared.testing.FakeTwilioApi;
import dev.switchboard.shared.twilio.TwilioRestClients;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Priming runs the real request path with nothing leaving the process: against real emulators (DynamoDB
 * Local, ElasticMQ) and a WireMock Twilio, nothing is written, nothing is queued, no request is received.
 */
class PrimingTest {

    static final FakeTwilioApi TWILIO = new FakeTwilioApi();
    static final Emulators EMULATORS = Emulators.shared();
    final AwsSettings aws = new AwsSettings(Env.of(Map.of("AWS_REGION", "us-east-1")))
            .withEndpoint(EMULATORS.aws().dynamoDbEndpoint(), AwsEmulators.ACCESS_KEY_ID, AwsEmulators.SECRET_ACCESS_KEY);

    @AfterAll
    static void stop() {
        TWILIO.close();
    }

    @Test
    void sdkCallsAreMarshalledSignedAndAnsweredInTheProcessWhilePriming() {
        String pk = "priming#" + UUID.randomUUID();
        try (DynamoDbClient dynamo = aws.configure(DynamoDbClient.builder(), Duration.ofSeconds(5)).build()) {
            Table table = new Table(dynamo, EMULATORS.resources().tableName("SwitchboardTable"));
            Priming.run(() -> {
                dynamo.putItem(b -> b.tableName(table.name()).item(Map.of("pk", AttributeValue.fromS(pk),
                        "sk", AttributeValue.fromS("x"))));
                // The canned answer is parsed as an empty one: no item.
                assertThat(dynamo.getItem(b -> b.tableName(table.name()).key(Map.of("pk", AttributeValue.fromS(pk),
                        "sk", AttributeValue.fromS("x")))).hasItem()).isFalse();
                return null;
            });
            assertThat(EMULATORS.aws().dynamoDb().getItem(b -> b.tableName(table.name())
                    .key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS("x")))).hasItem()).isFalse();
            // The same client, not priming, writes for real.
            dynamo.putItem(b -> b.tableName(table.name()).item(Map.of("pk", AttributeValue.fromS(pk),
                    "sk", AttributeValue.fromS("x"))));
            assertThat(EMULATORS.aws().dynamoDb().getItem(b -> b.tableName(table.name())
                    .key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS("x")))).hasItem()).isTrue();
        }
    }

    @Test
    void nothingIsQueuedWhilePriming() {
        AwsSettings sqsAws = new AwsSettings(Env.of(Map.of("AWS_REGION", "us-east-1")))
                .withEndpoint(EMULATORS.aws().sqsEndpoint(), AwsEmulators.ACCESS_KEY_ID, AwsEmulators.SECRET_ACCESS_KEY);
        String url = EMULATORS.queueUrl("CrmDeadLetterQueue");
        try (SqsClient sqs = sqsAws.configure(SqsClient.builder(), Duration.ofSeconds(5)).build()) {
            int before = visible(url);
            Priming.run(() -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("{\"kind\":\"priming\"}")
                    .messageAttributes(Map.of("job-type", software.amazon.awssdk.services.sqs.model.MessageAttributeValue
                            .builder().dataType("String").stringValue("SmsJob").build()))));
            assertThat(visible(url)).isEqualTo(before);
        }
    }

    @Test
    void twilioAndOtherThirdPartiesAreNeverCalledWhilePriming() throws Exception {
        TWILIO.reset();
        TwilioTextGateway gateway = new TwilioTextGateway(TwilioRestClients.create(Settings.of(Map.of(
                "TWILIO_ACCOUNT_SID", FakeTwilioApi.ACCOUNT_SID, "TWILIO_AUTH_TOKEN", "token",
                "TWILIO_API_BASE_URL", TWILIO.baseUrl(), "TWILIO_HTTP_TIMEOUT_MS", "2000"))));
        OutgoingText text = new OutgoingText("k1", "test", "+19045550123", Optional.of("+19045550200"),
                Optional.empty(), "Hello", "https://phone.example.com/twilio/sms/status");
        List<Object> outcomes = new ArrayList<>();
        Priming.run(() -> {
            try {
                outcomes.add(gateway.send(text).outcome());
            } catch (RuntimeException e) {
                outcomes.add(e);
            }
            return null;
        });
        HttpClient http = Priming.guard(HttpClient.newHttpClient(), "the CRM");
        HttpRequest request = HttpRequest.newBuilder(URI.create(TWILIO.baseUrl() + "/crm")).build();
        Priming.run(() -> {
            assertThatThrownBy(() -> http.send(request, HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(Priming.PrimingRefusal.class);
            return null;
        });
        assertThat(outcomes).singleElement().isNotEqualTo(SendAttempt.Outcome.SENT);
        assertThat(TWILIO.server().getAllServeEvents()).isEmpty();
        // Not priming: the same gateway reaches Twilio.
        assertThat(gateway.send(text).outcome()).isEqualTo(SendAttempt.Outcome.SENT);
        assertThat(TWILIO.sentMessages()).hasSize(1);
    }

    @Test
    void theCheckpointHookAnswersEveryRegisteredHandlersSampleWhilePrimingAndTheRestoreHookRuns() throws Exception {
        List<Boolean> primingSeen = new ArrayList<>();
        RecordingHandler handler = new RecordingHandler(primingSeen);
        Priming.register(handler, APIGatewayV2HTTPEvent.class, "health.json");
        SqsRecordingHandler worker = new SqsRecordingHandler();
        Priming.register(worker, SQSEvent.class, "sms-sender-job.json");

        Priming.resource().beforeCheckpoint(null);

        assertThat(primingSeen).hasSize(Priming.ROUNDS).containsOnly(true);
        assertThat(handler.lastPath).isEqualTo("/health");
        assertThat(worker.bodies.get()).isEqualTo(Priming.ROUNDS);
        assertThat(Priming.active()).isFalse();

        AtomicInteger restored = new AtomicInteger();
        RestoreHooks.AfterRestore hook = restored::incrementAndGet;
        RestoreHooks.register(hook);
        RestoreHooks.resource().afterRestore(null);
        Priming.resource().afterRestore(null);
        assertThat(restored).hasValue(1);
    }

    @Test
    void beforeTheSnapshotSdkCallsGoThroughTheRealHttpClientToTheLoopbackAndNoFurther() {
        String pk = "priming#" + UUID.randomUUID();
        String table = EMULATORS.resources().tableName("SwitchboardTable");
        try (DynamoDbClient dynamo = aws.configure(DynamoDbClient.builder(), Duration.ofSeconds(5)).build()) {
            List<Object> answers = new ArrayList<>();
            RequestHandler<APIGatewayV2HTTPEvent, String> writer = (event, context) -> {
                answers.add(dynamo.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS(pk),
                        "sk", AttributeValue.fromS("x")))).responseMetadata().requestId());
                return "ok";
            };
            Priming.register(writer, APIGatewayV2HTTPEvent.class, "health.json");
            long before = LoopbackAnswerer.ANSWERED.get();
            Priming.runBeforeCheckpoint();
            assertThat(LoopbackAnswerer.ANSWERED.get() - before).isEqualTo(Priming.ROUNDS);
            assertThat(answers).hasSize(Priming.ROUNDS).containsOnly("priming");
            assertThat(Priming.loopbackPort()).isZero();
        }
        assertThat(EMULATORS.aws().dynamoDb().getItem(b -> b.tableName(table)
                .key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS("x")))).hasItem()).isFalse();
    }

    /** One handler class, as the local stack's pool of instances of a function holds several. */
    static final class CountingHandler implements RequestHandler<APIGatewayV2HTTPEvent, String> {
        final java.util.concurrent.atomic.AtomicInteger answered = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public String handleRequest(APIGatewayV2HTTPEvent event, com.amazonaws.services.lambda.runtime.Context context) {
            answered.incrementAndGet();
            return "ok";
        }
    }

    @Test
    void severalHandlersOfOneClassArePrimedOnceThroughTheNewest() {
        CountingHandler older = new CountingHandler();
        CountingHandler newer = new CountingHandler();
        Priming.register(older, APIGatewayV2HTTPEvent.class, "health.json");
        Priming.register(newer, APIGatewayV2HTTPEvent.class, "health.json");

        Priming.runBeforeCheckpoint();

        assertThat(older.answered).hasValue(0);
        assertThat(newer.answered).hasValue(Priming.ROUNDS);
    }

    @Test
    void aFailingPrimerNeverStopsTheSnapshot() {
        RequestHandler<APIGatewayV2HTTPEvent, String> failing = (event, context) -> {
            throw new IllegalStateException("boom");
        };
        Priming.register(failing, APIGatewayV2HTTPEvent.class, "health.json");
        Priming.runBeforeCheckpoint();
        assertThat(Priming.active()).isFalse();
    }

    private static int visible(String url) {
        return Integer.parseInt(EMULATORS.aws().sqs().getQueueAttributes(b -> b.queueUrl(url)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }

    static final class RecordingHandler implements RequestHandler<APIGatewayV2HTTPEvent, String> {
        final List<Boolean> primingSeen;
        String lastPath;

        RecordingHandler(List<Boolean> primingSeen) {
            this.primingSeen = primingSeen;
        }

        @Override
        public String handleRequest(APIGatewayV2HTTPEvent event, Context context) {
            primingSeen.add(Priming.active());
            lastPath = event.getRawPath();
            return "ok";
        }
    }

    static final class SqsRecordingHandler implements RequestHandler<SQSEvent, String> {
        final AtomicInteger bodies = new AtomicInteger();

        @Override
        public String handleRequest(SQSEvent event, Context context) {
            assertThat(event.getRecords()).singleElement().satisfies(r -> assertThat(r.getBody()).contains("quote-estimate"));
            bodies.incrementAndGet();
            return "ok";
        }
    }
}
