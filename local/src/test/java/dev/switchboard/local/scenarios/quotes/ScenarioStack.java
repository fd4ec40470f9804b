package dev.switchboard.local.scenarios.quotes;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.switchboard.local.LocalStack;
import dev.switchboard.local.scenarios.LocalScenario;
import dev.switchboard.shared.http.FormParameters;
import dev.switchboard.shared.jobs.CrmSyncJob;
import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.testing.FakeTwilioApi;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The local stack (the real template, DynamoDB Local, ElasticMQ) with Twilio's Messages API faked by
 * WireMock ({@link FakeTwilioApi}), and the helpers the quote and SMS scenarios share: HTTP posts, signed
 * Twilio webhooks, table items and queue contents.
 */
final class ScenarioStack extends LocalScenario {

    static final String MESSAGES = "/2010-04-01/Accounts/[A-Za-z0-9]+/Messages\\.json";
    static final String FORWARD_TO = "+19045550177";
    static final String SMS_FROM = "+19045550200";
    static final String BUSINESS = "Mechanic St. Augustine";
    private static final AtomicLong NUMBERS = new AtomicLong(System.nanoTime() % 1_000_000);

    final FakeTwilioApi twilio;

    private ScenarioStack(FakeTwilioApi twilio, LocalStack stack) {
        super(stack);
        this.twilio = twilio;
    }

    /**
     * Starts the stack with only {@code functions} constructed (the CRM worker is left out, so CRM jobs stay
     * on their queue for the test to read).
     */
    static ScenarioStack start(Map<String, String> environment, Collection<String> functions) {
        FakeTwilioApi twilio = new FakeTwilioApi();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("TWILIO_API_BASE_URL", twilio.baseUrl());
        env.put("TWILIO_HTTP_TIMEOUT_MS", "3000");
        env.put("TWILIO_FORWARD_TO", FORWARD_TO);
        env.put("TWILIO_SMS_FROM", SMS_FROM);
        env.put("BUSINESS_NAME", BUSINESS);
        env.put("ALLOWED_ORIGINS", "https://www.example.com");
        env.put("RETRY_BASE_SECONDS", "1");
        env.put("RETRY_MAX_SECONDS", "2");
        env.putAll(environment);
        try {
            return new ScenarioStack(twilio, startStack(env, functions, builder -> builder.twilioSandbox(false)));
        } catch (RuntimeException e) {
            twilio.close();
            throw e;
        }
    }

    /** A fresh fictional US number per call, so scenarios never share rate limits, caps or opt-outs. */
    static String newPhone() {
        return "+1555" + String.format("%07d", NUMBERS.incrementAndGet() % 10_000_000);
    }

    @Override
    public void close() {
        try {
            super.close();
        } finally {
            twilio.close();
        }
    }

    String baseUrl() {
        return stack.baseUrl();
    }

    // ------------------------------------------------------------------ HTTP

    HttpResponse<String> send(HttpRequest.Builder request) {
        return exchange(request.timeout(Duration.ofSeconds(30)).build());
    }

    HttpResponse<String> postQuote(String contentType, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + "/quote"))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        return send(request);
    }

    HttpResponse<String> postJsonQuote(String json) {
        return postQuote("application/json", json, Map.of());
    }

    static String quoteJson(String phone, boolean optIn) {
        return "{\"name\":\"John Doe\",\"phone\":\"" + phone + "\",\"service\":\"oil change\",\"year\":\"2018\","
                + "\"make\":\"Toyota\",\"model\":\"Camry\",\"engine\":\"4-cylinder\",\"text_opt_in\":" + optIn + "}";
    }

    /** A Twilio webhook, signed with the stack's auth token over PUBLIC_BASE_URL + path, as Twilio signs it. */
    HttpResponse<String> twilioPost(String path, Map<String, String> params) {
        return twilioWebhook(baseUrl(), path, params, Map.of("I-Twilio-Idempotency-Token", "it-" + System.nanoTime()));
    }

    // ------------------------------------------------------------------ fake Twilio

    /** Form parameters of the message POSTs Twilio received for {@code to}. */
    List<FormParameters> messagesTo(String to) {
        return twilio.sentMessages().stream().filter(m -> m.first("To").filter(to::equals).isPresent()).toList();
    }

    /** The recent-messages lookups (GET .../Messages.json) for {@code to}. */
    List<LoggedRequest> lookupsFor(String to) {
        return twilio.server().findAll(getRequestedFor(urlPathMatching(MESSAGES))).stream()
                .filter(r -> to.equals(r.queryParameter("To").isPresent() ? r.queryParameter("To").firstValue() : null))
                .toList();
    }

    int messagePosts() {
        return twilio.server().findAll(postRequestedFor(urlPathMatching(MESSAGES))).size();
    }

    // ------------------------------------------------------------------ table and queues

    DynamoDbClient dynamoDb() {
        return stack.emulators().dynamoDb();
    }

    String tableName() {
        return stack.resources().tableName("SwitchboardTable");
    }

    List<Map<String, AttributeValue>> leadsOf(String phone) {
        return dynamoDb().query(b -> b.tableName(tableName()).indexName("gsi1")
                .keyConditionExpression("gsi1pk = :p")
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("PHONE#" + phone)))).items();
    }

    SqsClient sqs() {
        return stack.emulators().sqs();
    }

    /** Receives (and deletes) every CRM job waiting on the CRM queue. */
    List<CrmSyncJob> drainCrmJobs() {
        List<CrmSyncJob> jobs = new ArrayList<>();
        for (Message message : drain("CrmQueue")) {
            try {
                jobs.add(Json.MAPPER.readValue(message.body(), CrmSyncJob.class));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return jobs;
    }

    List<Message> drain(String queueLogicalId) {
        return removeAll(queueLogicalId);
    }

    int waitingAndInFlight(String queueLogicalId) {
        Map<QueueAttributeName, String> attributes = sqs().getQueueAttributes(b -> b
                .queueUrl(stack.resources().queueUrl(queueLogicalId))
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    static void waitUntil(BooleanSupplier condition, Duration timeout, String what) {
        Awaitility.await(what).atMost(timeout).pollInterval(Duration.ofMillis(100)).until(condition::getAsBoolean);
    }

    static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s() != null ? value.s() : value.n() != null ? value.n()
                : value.bool() != null ? value.bool().toString() : value.toString();
    }
}
