package dev.switchboard.local.scenarios.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.fakes.ses.FakeSes;
import dev.switchboard.local.LocalStack;
import dev.switchboard.local.scenarios.LocalScenario;
import dev.switchboard.local.scenarios.TwilioPosts;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The local stack with its Twilio sandbox (texts kept, nothing sent) and SES sandbox (e-mails kept), one line
 * with two staff members who get every alert, and the helpers the alert scenarios share.
 */
final class AlertStack extends LocalScenario {

    static final String ACCOUNT_SID = "AC" + "0".repeat(32);
    static final String LINE = "+19045550200";
    static final String OWNER = "+19045550177";
    static final String HELPER = "+19045550178";
    static final String OWNER_EMAIL = "owner@example.com";
    static final String ALERT_FROM = "alerts@example.com";
    private static final AtomicLong NUMBERS = new AtomicLong(System.nanoTime() % 1_000_000);
    private static final AtomicLong SIDS = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    private AlertStack(LocalStack stack) {
        super(stack);
    }

    static AlertStack start(Map<String, String> environment, Collection<String> functions) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("TWILIO_FORWARD_TO", OWNER);
        env.put("TWILIO_SMS_FROM", LINE);
        env.put("BUSINESS_NAME", "Mechanic St. Augustine");
        env.put("LINES", "{\"" + LINE + "\": {\"forwardTo\": \"" + OWNER + "\", \"alertTo\": [\"" + OWNER + "\", \""
                + HELPER + "\"], \"alertEmail\": [\"" + OWNER_EMAIL + "\"], \"timeZone\": \"America/New_York\"}}");
        env.put("STAFF", "{\"" + OWNER + "\": {\"name\": \"Mike\", \"role\": \"owner\"}, \"" + HELPER
                + "\": {\"name\": \"Sam\", \"role\": \"staff\"}}");
        env.put("ALERT_EMAIL_FROM", ALERT_FROM);
        env.put("RETRY_BASE_SECONDS", "1");
        env.put("RETRY_MAX_SECONDS", "2");
        env.putAll(environment);
        return new AlertStack(startStack(env, functions, builder -> builder));
    }

    /** A fresh fictional number per call, so scenarios never share caps, opt-outs or tags. */
    static String newPhone() {
        return "+1904555" + String.format("%04d", NUMBERS.incrementAndGet() % 10_000);
    }

    static String newSid(String prefix) {
        return prefix + String.format("%032x", SIDS.incrementAndGet());
    }

    // ------------------------------------------------------------------ webhooks

    /** A Twilio webhook, signed with the stack's auth token over PUBLIC_BASE_URL + path, as Twilio signs it. */
    HttpResponse<String> twilioPost(String path, Map<String, String> params) {
        return twilioWebhook(stack.baseUrl(), path, params, Map.of());
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        return exchange(request.timeout(Duration.ofSeconds(30)).build());
    }

    /** A text to the line, as Twilio posts it. */
    HttpResponse<String> text(String sid, String from, String body) {
        Map<String, String> params = TwilioPosts.incomingText(ACCOUNT_SID, sid, from, LINE, body);
        HttpResponse<String> response = twilioPost("/twilio/sms", params);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }

    /** What Twilio posts about an inbound call from {@code from} to the line in {@code status}; more may be added. */
    static Map<String, String> callParams(String callSid, String status, String from) {
        return TwilioPosts.inboundCall(ACCOUNT_SID, callSid, status, from, LINE);
    }

    /** A call that ends in a voicemail, whose recording Twilio reports completed. */
    void voicemail(String callSid, String recordingSid, String caller) {
        assertThat(twilioPost("/twilio/voice", callParams(callSid, "ringing", caller)).statusCode()).isEqualTo(200);
        Map<String, String> recording = new LinkedHashMap<>();
        recording.put("AccountSid", ACCOUNT_SID);
        recording.put("CallSid", callSid);
        recording.put("RecordingSid", recordingSid);
        recording.put("RecordingStatus", "completed");
        recording.put("RecordingDuration", "42");
        recording.put("RecordingChannels", "1");
        recording.put("RecordingSource", "RecordVerb");
        recording.put("RecordingUrl", stack.twilioSandbox().orElseThrow().baseUrl() + "/2010-04-01/Accounts/"
                + ACCOUNT_SID + "/Recordings/" + recordingSid);
        recording.put("RecordingStartTime", "Mon, 23 Nov 2026 15:00:45 +0000");
        recording.put("ErrorCode", "0");
        HttpResponse<String> answer = twilioPost("/twilio/voice/recording", recording);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    /** A call comes in (the call record exists as in production). */
    void call(String callSid, String from) {
        Map<String, String> params = callParams(callSid, "ringing", from);
        params.put("Called", LINE);
        params.put("Caller", from);
        assertThat(twilioPost("/twilio/voice", params).statusCode()).isEqualTo(200);
    }

    /** The owner's phone did not answer: the {@code <Dial action>} (voicemail TwiML, the missed-call text). */
    void dialNotAnswered(String callSid, String from) {
        Map<String, String> params = callParams(callSid, "in-progress", from);
        params.put("DialCallSid", newSid("CA"));
        params.put("DialCallStatus", "no-answer");
        params.put("DialCallDuration", "0");
        HttpResponse<String> response = twilioPost("/twilio/voice/dial-status", params);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    /** The call ends unanswered, as Twilio reports it. */
    void callEnded(String callSid, String from) {
        Map<String, String> params = callParams(callSid, "no-answer", from);
        params.put("CallDuration", "0");
        params.put("SequenceNumber", "3");
        params.put("CallbackSource", "call-progress-events");
        HttpResponse<String> response = twilioPost("/twilio/voice/status", params);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    HttpResponse<String> postJson(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(stack.baseUrl() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    // ------------------------------------------------------------------ what went out

    /** Texts the Twilio sandbox accepted for {@code to}, oldest first. */
    List<Map<String, Object>> textsTo(String to) {
        return stack.twilioSandbox().orElseThrow().messages().stream()
                .filter(m -> to.equals(String.valueOf(m.get("to")))).toList();
    }

    List<Map<String, Object>> textsTo(String to, String containing) {
        return textsTo(to).stream().filter(m -> String.valueOf(m.get("body")).contains(containing)).toList();
    }

    List<FakeSes.Email> emailsAbout(String containing) {
        return stack.sesSandbox().orElseThrow().emails().stream()
                .filter(e -> e.text() != null && e.text().contains(containing)).toList();
    }

    /** Receives (and hides for a minute) what is on a queue now. */
    List<Message> drain(String queueLogicalId) {
        List<Message> all = new ArrayList<>();
        String url = stack.resources().queueUrl(queueLogicalId);
        for (int i = 0; i < 3; i++) {
            all.addAll(stack.emulators().sqs().receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
                    .waitTimeSeconds(1).visibilityTimeout(60)).messages());
        }
        return all;
    }

    /** Waits until the queue holds nothing, visible, delayed or in flight. */
    void awaitQueueEmpty(String queueLogicalId) {
        String url = stack.resources().queueUrl(queueLogicalId);
        await(queueLogicalId + " to be empty", 60, () -> {
            Map<QueueAttributeName, String> a = stack.emulators().sqs().getQueueAttributes(b -> b.queueUrl(url)
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
            return "0".equals(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                    && "0".equals(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                    && "0".equals(a.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED, "0"))
                    ? Optional.of(true) : Optional.empty();
        });
    }

    /** Waits (up to {@code seconds}) until {@code condition} gives a value; fails with {@code what}. */
    static <T> T await(String what, int seconds, Supplier<Optional<T>> condition) {
        return Awaitility.await(what).atMost(Duration.ofSeconds(seconds)).pollInterval(Duration.ofMillis(200))
                .until(condition::get, Optional::isPresent).orElseThrow();
    }

    /** Waits until {@code list} has at least {@code n} elements, and returns it. */
    static <T> List<T> awaitAtLeast(String what, int n, Supplier<List<T>> list) {
        return await(what, 60, () -> {
            List<T> now = list.get();
            return now.size() >= n ? Optional.of(now) : Optional.empty();
        });
    }

    static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s() != null ? value.s() : value.n() != null ? value.n()
                : String.valueOf(value.bool());
    }
}
