package dev.switchboard.local.scenarios.transcription;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.switchboard.local.Invocation;
import dev.switchboard.local.LocalStack;
import dev.switchboard.shared.jobs.CrmSyncJob;
import dev.switchboard.shared.jobs.TranscriptionJob;
import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.storage.Table;
import dev.switchboard.shared.storage.TranscriptRecords;
import dev.switchboard.shared.testing.TwilioEvents;
import dev.switchboard.shared.twilio.TwilioSignature;
import dev.switchboard.transcription.testing.FakeIntelligenceApi;
import dev.switchboard.transcription.testing.FakeWhisperApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The local stack with the functions transcription needs (the incoming call that creates the call record,
 * the Intelligence webhook, the transcriber), a fake Conversational Intelligence API and a fake OpenAI
 * API, and the helpers the scenarios share: put archived audio in S3 and a transcribe job on the queue as
 * the archive worker does, post signed webhooks, read what was stored and queued.
 */
final class TranscriptionStack implements AutoCloseable {

    static final String LINE = "+19045550200";
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    final FakeIntelligenceApi intelligence = new FakeIntelligenceApi();
    final FakeWhisperApi whisper = new FakeWhisperApi();
    final LocalStack stack;
    final List<CrmSyncJob> crmJobs = new java.util.concurrent.CopyOnWriteArrayList<>();
    final List<Message> deadLetters = new java.util.concurrent.CopyOnWriteArrayList<>();
    final List<Invocation> invocations = new java.util.concurrent.CopyOnWriteArrayList<>();
    final String table;
    final String bucket;

    TranscriptionStack(String transcriber) {
        Map<String, String> env = new HashMap<>();
        env.put("TRANSCRIBER", transcriber);
        env.put("CI_SERVICE_SID", FakeIntelligenceApi.SERVICE_SID);
        env.put("TWILIO_INTELLIGENCE_BASE_URL", intelligence.baseUrl());
        env.put("OPENAI_BASE_URL", whisper.baseUrl());
        env.put("OPENAI_API_KEY", "sk-local-test-key");
        // Retries come back in a second or two instead of minutes.
        env.put("RETRY_BASE_SECONDS", "1");
        env.put("RETRY_MAX_SECONDS", "2");
        stack = LocalStack.builder()
                .template(TwilioEvents.projectRoot().resolve("template.yaml"))
                .inheritProcessEnvironment(false)
                .environment(env)
                // The CRM worker is left out so that the CRM queue keeps what the transcriber puts on it.
                .onlyFunctions(List.of("IncomingCallFunction", "IntelligenceWebhookFunction", "TranscriberFunction"))
                .invocationListener(invocations::add)
                .start();
        table = stack.resources().tableName("SwitchboardTable");
        bucket = stack.resources().bucketName("RecordingsBucket");
    }

    static String sid(String prefix, int n) {
        return prefix + String.format("%032x", n);
    }

    /** A call comes in through /twilio/voice, signed: the call record exists as in production. */
    void incomingCall(String callSid, String from) throws Exception {
        String form = "CallSid=" + callSid + "&From=" + enc(from) + "&To=" + enc(LINE)
                + "&Direction=inbound&CallStatus=ringing&AccountSid=" + FakeIntelligenceApi.ACCOUNT_SID;
        Map<String, List<String>> params = dev.switchboard.shared.http.FormParameters.parse(form).asMap();
        String url = stack.baseUrl() + "/twilio/voice";
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", TwilioSignature.compute(stack.authToken(), url, params))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    static String enc(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** What the archive worker leaves behind: the audio in S3 and a transcribe job on the queue. */
    TranscriptionJob.Transcribe archive(String callSid, String recordingSid, byte[] audio, int channels, String kind,
                             boolean deletedFromTwilio, Long reportedSize, String from) {
        String key = "recordings/2026/11/22/" + callSid + "/" + recordingSid + ".mp3";
        stack.emulators().s3().putObject(b -> b.bucket(bucket).key(key).contentType("audio/mpeg"),
                RequestBody.fromBytes(audio));
        TranscriptionJob.Transcribe job = new TranscriptionJob.Transcribe(callSid, recordingSid, bucket, key,
                "audio/mpeg", reportedSize != null ? reportedSize : (long) audio.length, channels, 42, deletedFromTwilio,
                from, LINE, LINE, kind, Instant.now().toString());
        send(job);
        return job;
    }

    void send(TranscriptionJob job) {
        stack.emulators().sqs().sendMessage(b -> b.queueUrl(stack.resources().queueUrl("TranscriptionQueue"))
                .messageBody(Json.write(job)));
    }

    /** Posts the Intelligence webhook as Twilio does: JSON, signed through bodySHA256. */
    HttpResponse<String> intelligenceWebhook(String transcriptSid, String callSid) throws Exception {
        Map<String, String> body = new java.util.LinkedHashMap<>();
        body.put("account_sid", FakeIntelligenceApi.ACCOUNT_SID);
        body.put("service_sid", FakeIntelligenceApi.SERVICE_SID);
        body.put("transcript_sid", transcriptSid);
        body.put("customer_key", callSid);
        body.put("event_type", "voice_intelligence_transcript_available");
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        String[] signed = TwilioSignature.signJson(stack.authToken(), stack.baseUrl() + "/twilio/intelligence", bytes);
        return HTTP.send(HttpRequest.newBuilder(URI.create(signed[0]))
                .header("Content-Type", "application/json")
                .header("X-Twilio-Signature", signed[1])
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
    }

    Map<String, AttributeValue> item(String pk, String sk) {
        Map<String, AttributeValue> item = stack.emulators().dynamoDb().getItem(b -> b.tableName(table)
                .key(Table.key(pk, sk)).consistentRead(true)).item();
        return item == null ? Map.of() : item;
    }

    Map<String, AttributeValue> recording(String recordingSid) {
        return item(TranscriptRecords.recordingPk(recordingSid), "REC");
    }

    Map<String, AttributeValue> call(String callSid) {
        return item("CALL#" + callSid, "CALL");
    }

    static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }

    String object(String key) {
        return stack.emulators().s3().getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String();
    }

    /** Receives (and hides for a minute) what is on a queue now; call again to see only what came since. */
    List<Message> drain(String queueLogicalId) {
        List<Message> all = new ArrayList<>();
        String url = stack.resources().queueUrl(queueLogicalId);
        for (int i = 0; i < 3; i++) {
            List<Message> batch = stack.emulators().sqs().receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
                    .waitTimeSeconds(1).visibilityTimeout(60).messageAttributeNames("All")
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
            all.addAll(batch);
        }
        return all;
    }

    /** Every CRM job queued for this recording so far (jobs are collected across calls, for all tests). */
    List<CrmSyncJob.Transcript> crmJobsFor(String recordingSid) {
        for (Message m : drain("CrmQueue")) {
            try {
                crmJobs.add(Json.MAPPER.readValue(m.body(), CrmSyncJob.class));
            } catch (Exception e) {
                throw new AssertionError(m.body(), e);
            }
        }
        return crmJobs.stream().filter(j -> j instanceof CrmSyncJob.Transcript).map(j -> (CrmSyncJob.Transcript) j)
                .filter(j -> recordingSid.equals(j.recordingSid())).toList();
    }

    /** How many transcription jobs the worker was handed whose body mentions {@code text} (any delivery). */
    long transcriberDeliveries(String type, String text) {
        return invocations.stream().filter(i -> i.functionLogicalId().equals("TranscriberFunction"))
                .flatMap(i -> ((SQSEvent) i.event()).getRecords().stream())
                .filter(m -> m.getBody().contains("\"kind\":\"" + type + "\"") && m.getBody().contains(text))
                .count();
    }

    /**
     * How many deliveries of such jobs there were, once at least {@code expected} have been reported (the
     * stack reports an invocation just after the handler returns, so the last one can trail what it wrote).
     */
    long awaitDeliveries(String type, String text, long expected) throws InterruptedException {
        await(expected + " deliveries of " + type + " " + text, 30, () -> transcriberDeliveries(type, text) >= expected
                ? Optional.of(true) : Optional.empty());
        return transcriberDeliveries(type, text);
    }

    /** Every dead-lettered transcription job about this recording so far. */
    List<Message> deadLettersFor(String recordingSid) {
        deadLetters.addAll(drain("TranscriptionDeadLetterQueue"));
        return deadLetters.stream().filter(m -> m.body().contains(recordingSid)).toList();
    }

    /** Waits until the transcription queue holds nothing, visible or in flight: every job is done with. */
    void awaitTranscriptionQueueEmpty() throws InterruptedException {
        String url = stack.resources().queueUrl("TranscriptionQueue");
        await("the transcription queue to be empty", 60, () -> {
            Map<QueueAttributeName, String> a = stack.emulators().sqs().getQueueAttributes(b -> b.queueUrl(url)
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
            return "0".equals(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                    && "0".equals(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                    ? Optional.of(true) : Optional.empty();
        });
    }

    /** Waits (up to {@code seconds}) until {@code condition} gives a value; fails with {@code what}. */
    static <T> T await(String what, int seconds, Supplier<Optional<T>> condition) {
        return Awaitility.await(what).atMost(Duration.ofSeconds(seconds)).pollInterval(Duration.ofMillis(200))
                .until(condition::get, Optional::isPresent).orElseThrow();
    }

    Map<String, AttributeValue> awaitStatus(String recordingSid, String status) throws InterruptedException {
        return await("recording " + recordingSid + " to be " + status, 60, () -> {
            Map<String, AttributeValue> item = recording(recordingSid);
            return status.equals(s(item, "transcriptStatus")) ? Optional.of(item) : Optional.empty();
        });
    }

    @Override
    public void close() {
        stack.close();
        intelligence.close();
        whisper.close();
    }
}
