package dev.switchboard.local.scenarios.quotes;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.switchboard.local.LocalStack;
import dev.switchboard.shared.http.FormParameters;
import dev.switchboard.shared.jobs.CrmSyncJob;
import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.testing.FakeTwilioApi;
import dev.switchboard.shared.testing.TwilioEvents;
import dev.switchboard.shared.twilio.TwilioSignature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The local stack (the real template, DynamoDB Local, ElasticMQ) with Twilio's Messages API faked by
 * WireMock ({@link FakeTwilioApi}), and the helpers the quote and SMS scenarios share: HTTP posts, signed
 * Twilio webhooks, table items and queue contents.
 */
final class ScenarioStack implements AutoCloseable {

    static final String MESSAGES = "/2010-04-01/Accounts/[A-Za-z0-9]+/Messages\\.json";
    static final String FORWARD_TO = "+19045550177";
    static final String SMS_FROM = "+19045550200";
    static final String BUSINESS = "Mechanic St. Augustine";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final AtomicLong NUMBERS = new AtomicLong(System.nanoTime() % 1_000_000);

    final FakeTwilioApi twilio;
    final LocalStack stack;

    private ScenarioStack(FakeTwilioApi twilio, LocalStack stack) {
        this.twilio = twilio;
        this.stack = stack;
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
            LocalStack stack = LocalStack.builder()
                    .template(template())
                    .inheritProcessEnvironment(false)
                    .twilioSandbox(false)
                    .environment(env)
                    .onlyFunctions(functions)
                    .start();
            if (!stack.failedFunctions().isEmpty()) {
                stack.close();
                throw new IllegalStateException("functions failed to start: " + stack.failedFunctions());
            }
            return new ScenarioStack(twilio, stack);
        } catch (RuntimeException e) {
            twilio.close();
            throw e;
        }
    }

    static Path template() {
        String configured = System.getProperty("switchboard.template");
        return (configured != null ? Path.of(configured) : Path.of("..", "template.yaml")).toAbsolutePath().normalize();
    }

    /** A fresh fictional US number per call, so scenarios never share rate limits, caps or opt-outs. */
    static String newPhone() {
        return "+1555" + String.format("%07d", NUMBERS.incrementAndGet() % 10_000_000);
    }

    @Override
    public void close() {
        try {
            stack.close();
        } finally {
            twilio.close();
        }
    }

    String baseUrl() {
        return stack.baseUrl();
    }

    // ------------------------------------------------------------------ HTTP

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
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
        Map<String, List<String>> multi = new LinkedHashMap<>();
        params.forEach((k, v) -> multi.put(k, List.of(v)));
        String signature = TwilioSignature.compute(stack.authToken(), baseUrl() + path, multi);
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", signature)
                .header("I-Twilio-Idempotency-Token", "it-" + System.nanoTime())
                .POST(HttpRequest.BodyPublishers.ofString(TwilioEvents.encode(multi))));
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

    Optional<Map<String, AttributeValue>> item(String pk, String sk) {
        Map<String, AttributeValue> item = dynamoDb().getItem(b -> b.tableName(tableName()).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    /** Items whose partition key starts with {@code prefix} (a scan: the emulator's table is small). */
    List<Map<String, AttributeValue>> itemsStartingWith(String prefix) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        dynamoDb().scanPaginator(b -> b.tableName(tableName()).filterExpression("begins_with(pk, :p)")
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(prefix)))).items().forEach(items::add);
        return items;
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
        String url = stack.resources().queueUrl(queueLogicalId);
        List<Message> all = new ArrayList<>();
        while (true) {
            List<Message> batch = sqs().receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(0)
                    .messageAttributeNames("All").messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
            if (batch.isEmpty()) {
                return all;
            }
            for (Message message : batch) {
                all.add(message);
                sqs().deleteMessage(b -> b.queueUrl(url).receiptHandle(message.receiptHandle()));
            }
        }
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
