package dev.switchboard.local.scenarios.calls;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.storage.Item;
import dev.switchboard.shared.testing.FakeTwilioApi;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Recordings end to end on the local stack: the recording callback queues a job, the archive worker
 * (polled from ElasticMQ like an SQS event source) streams the media from a WireMock fake of Twilio into
 * s3proxy, updates DynamoDB Local, deletes the recording from Twilio once the copy is verified, and queues
 * one transcription job (read here: the transcriber is not started). The recordings API finds it again.
 * Retries run without backoff here ({@code RETRY_BASE_SECONDS=0}); the queue's own maxReceiveCount (8)
 * moves a hopeless job to the DLQ.
 */
class RecordingArchiveIT {

    static final Duration ARCHIVED_WITHIN = Duration.ofSeconds(60);
    static final String START_TIME = "Mon, 23 Nov 2026 15:00:45 +0000";

    static FakeTwilioApi twilio;
    static WireMockServer storage;
    static CallStack calls;

    @BeforeAll
    static void start() {
        twilio = new FakeTwilioApi();
        storage = new WireMockServer(wireMockConfig().dynamicPort());
        storage.start();
        twilio.server().stubFor(delete(urlPathMatching("/2010-04-01/Accounts/[^/]+/Recordings/[^/]+\\.json"))
                .willReturn(aResponse().withStatus(204)));
        calls = CallStack.start(Map.of("TWILIO_API_BASE_URL", twilio.baseUrl(), "RETRY_BASE_SECONDS", "0",
                        "RETRY_MAX_SECONDS", "0", "DELETE_FROM_TWILIO_AFTER_ARCHIVE", "true"),
                List.of("IncomingCallFunction", "RecordingStatusFunction", "RecordingArchiverFunction",
                        "RecordingsApiFunction"));
    }

    @AfterAll
    static void stop() {
        if (calls != null) {
            calls.close();
        }
        twilio.close();
        storage.stop();
    }

    static String sid(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "");
    }

    static String mediaPath(String recordingSid) {
        return "/2010-04-01/Accounts/" + CallStack.ACCOUNT_SID + "/Recordings/" + recordingSid;
    }

    static byte[] audio(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** Twilio's media: only with the account's Basic credentials. */
    void serve(String recordingSid, byte[] bytes) {
        twilio.server().stubFor(get(urlPathEqualTo(mediaPath(recordingSid) + ".mp3"))
                .withBasicAuth(CallStack.ACCOUNT_SID, calls.stack.authToken())
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "audio/mpeg").withBody(bytes)));
    }

    CallStack.Answer recordingCompleted(String callSid, String recordingSid, String source) {
        return calls.post("/twilio/voice/recording", Map.of("AccountSid", CallStack.ACCOUNT_SID, "CallSid", callSid,
                "RecordingSid", recordingSid, "RecordingStatus", "completed", "RecordingDuration", "23",
                "RecordingChannels", source.equals("DialVerb") ? "2" : "1", "RecordingSource", source,
                "RecordingUrl", twilio.baseUrl() + mediaPath(recordingSid), "RecordingStartTime", START_TIME,
                "ErrorCode", "0"));
    }

    Map<String, AttributeValue> awaitArchived(String recordingSid) {
        return CallStack.await("recording " + recordingSid + " archived", ARCHIVED_WITHIN,
                () -> calls.item("REC#" + recordingSid, "REC")
                        .filter(i -> Item.string(i, "status").filter("archived"::equals).isPresent()));
    }

    byte[] s3Bytes(String key) {
        ResponseBytes<GetObjectResponse> object = calls.stack.emulators().s3()
                .getObjectAsBytes(b -> b.bucket(calls.bucket()).key(key));
        return object.asByteArray();
    }

    /** Jobs drained from the transcription queue that no assertion has claimed yet (another recording's). */
    private final List<JsonNode> unclaimedTranscriptionJobs = new ArrayList<>();

    /** The transcription jobs for one recording queued since the last call; others are kept for later. */
    List<JsonNode> transcriptionJobs(String recordingSid) {
        calls.drain("TranscriptionQueue").stream().map(Message::body).map(RecordingArchiveIT::read)
                .forEach(unclaimedTranscriptionJobs::add);
        List<JsonNode> mine = unclaimedTranscriptionJobs.stream()
                .filter(j -> j.path("recordingSid").asText().equals(recordingSid)).toList();
        unclaimedTranscriptionJobs.removeAll(mine);
        return mine;
    }

    static JsonNode read(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aRecordingIsArchivedWithIdenticalBytesThenDeletedFromTwilioAndQueuedForTranscription() throws Exception {
        String callSid = sid("CA");
        String caller = "+19045550161";
        calls.post("/twilio/voice", Map.of("AccountSid", CallStack.ACCOUNT_SID, "CallSid", callSid, "From", caller,
                "To", CallStack.LINE, "Direction", "inbound", "CallStatus", "ringing"));
        String small = sid("RE");
        String large = sid("RE");
        byte[] voicemail = audio(700_000, 1);
        byte[] conversation = audio(12 * 1024 * 1024 + 12_345, 2); // two upload parts
        serve(small, voicemail);
        serve(large, conversation);

        assertThat(recordingCompleted(callSid, small, "RecordVerb").status()).isEqualTo(200);
        assertThat(recordingCompleted(callSid, large, "DialVerb").status()).isEqualTo(200);

        for (Expected expected : List.of(new Expected(small, voicemail, "voicemail", 1L),
                new Expected(large, conversation, "call", 2L))) {
            String recordingSid = expected.recordingSid();
            byte[] bytes = expected.bytes();
            Map<String, AttributeValue> item = awaitArchived(recordingSid);
            String key = "recordings/2026/11/23/" + callSid + "/" + recordingSid + ".mp3";
            assertThat(Item.string(item, "s3Key")).contains(key);
            assertThat(Item.number(item, "sizeBytes")).contains((long) bytes.length);
            assertThat(Item.string(item, "sha256")).contains(sha256(bytes));
            assertThat(Item.string(item, "contentType")).contains("audio/mpeg");
            assertThat(Item.number(item, "durationSeconds")).contains(23L);
            assertThat(Item.number(item, "channels")).contains(expected.channels());
            assertThat(Item.string(item, "from")).contains(caller);
            assertThat(s3Bytes(key)).isEqualTo(bytes);
            assertThat(calls.stack.emulators().s3().headObject(b -> b.bucket(calls.bucket()).key(key)).contentType())
                    .isEqualTo("audio/mpeg");

            JsonNode job = CallStack.await("transcription job for " + recordingSid, ARCHIVED_WITHIN,
                    () -> transcriptionJobs(recordingSid).stream().findFirst());
            assertThat(job.path("kind").asText()).isEqualTo("transcribe");
            assertThat(job.path("bucket").asText()).isEqualTo(calls.bucket());
            assertThat(job.path("key").asText()).isEqualTo(key);
            assertThat(job.path("sizeBytes").asLong()).isEqualTo(bytes.length);
            assertThat(job.path("recordingKind").asText()).isEqualTo(expected.kind());
            assertThat(job.path("from").asText()).isEqualTo(caller);
            assertThat(job.path("to").asText()).isEqualTo(CallStack.LINE);
            assertThat(job.path("deletedFromTwilio").asBoolean()).isTrue();
            assertThat(Item.flag(calls.item("REC#" + recordingSid, "REC").orElseThrow(), "deletedFromTwilio")).isTrue();

            // Basic auth reached Twilio; the delete came after the download.
            List<LoggedRequest> downloads = twilio.server().findAll(getRequestedFor(urlPathEqualTo(mediaPath(recordingSid) + ".mp3")));
            assertThat(downloads).hasSize(1);
            assertThat(downloads.get(0).getHeader("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
                    .encodeToString((CallStack.ACCOUNT_SID + ":" + calls.stack.authToken()).getBytes(StandardCharsets.UTF_8)));
            List<LoggedRequest> deletes = twilio.server().findAll(deleteRequestedFor(urlPathEqualTo(mediaPath(recordingSid) + ".json")));
            assertThat(deletes).hasSize(1);
            assertThat(deletes.get(0).getLoggedDate()).isAfterOrEqualTo(downloads.get(0).getLoggedDate());
        }
        assertThat(Item.flag(calls.call(callSid), "voicemailLeft")).isTrue();

        // The same job delivered twice more: no second download, object or transcription job.
        String job = Json.write(Map.of("callSid", callSid, "recordingSid", small, "recordingUrl",
                twilio.baseUrl() + mediaPath(small), "kind", "voicemail", "recordingStartTime", START_TIME));
        String archiveQueue = calls.stack.resources().queueUrl("ArchiveQueue");
        calls.stack.emulators().sqs().sendMessage(b -> b.queueUrl(archiveQueue).messageBody(job));
        calls.stack.emulators().sqs().sendMessage(b -> b.queueUrl(archiveQueue).messageBody(job));
        CallStack.await("duplicate archive jobs consumed", ARCHIVED_WITHIN,
                () -> calls.approximateMessages("ArchiveQueue") == 0 ? Optional.of(true) : Optional.empty());
        assertThat(twilio.server().findAll(getRequestedFor(urlPathEqualTo(mediaPath(small) + ".mp3")))).hasSize(1);
        assertThat(transcriptionJobs(small)).isEmpty();
        assertThat(calls.approximateMessages("ArchiveDeadLetterQueue")).isZero();
    }

    @Test
    void twoNotFoundsThenTheFileIsThere() throws Exception {
        String callSid = sid("CA");
        String recordingSid = sid("RE");
        byte[] bytes = audio(300_000, 3);
        String scenario = "not-ready-" + recordingSid;
        String path = mediaPath(recordingSid) + ".mp3";
        twilio.server().stubFor(get(urlPathEqualTo(path)).inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("one-404").willReturn(aResponse().withStatus(404)
                        .withBody(FakeTwilioApi.error(404, 20404, "The requested resource was not found"))));
        twilio.server().stubFor(get(urlPathEqualTo(path)).inScenario(scenario).whenScenarioStateIs("one-404")
                .willSetStateTo("two-404").willReturn(aResponse().withStatus(404)
                        .withBody(FakeTwilioApi.error(404, 20404, "The requested resource was not found"))));
        twilio.server().stubFor(get(urlPathEqualTo(path)).inScenario(scenario).whenScenarioStateIs("two-404")
                .willReturn(aResponse().withStatus(200).withBody(bytes)));

        assertThat(recordingCompleted(callSid, recordingSid, "DialVerb").status()).isEqualTo(200);
        Map<String, AttributeValue> item = awaitArchived(recordingSid);
        assertThat(s3Bytes(Item.string(item, "s3Key").orElseThrow())).isEqualTo(bytes);
        assertThat(twilio.server().findAll(getRequestedFor(urlPathEqualTo(path)))).hasSize(3);
        assertThat(CallStack.await("transcription job", ARCHIVED_WITHIN,
                () -> transcriptionJobs(recordingSid).stream().findFirst())).isNotNull();
    }

    @Test
    void aRedirectToAnotherHostIsFollowedWithoutTheAuthorizationHeader() throws Exception {
        String callSid = sid("CA");
        String recordingSid = sid("RE");
        byte[] bytes = audio(250_000, 4);
        // "localhost" and another port: another origin than the Twilio fake on 127.0.0.1.
        String location = "http://localhost:" + storage.port() + "/media/" + recordingSid + ".mp3?Expires=1&Signature=abc";
        twilio.server().stubFor(get(urlPathEqualTo(mediaPath(recordingSid) + ".mp3"))
                .withBasicAuth(CallStack.ACCOUNT_SID, calls.stack.authToken())
                .willReturn(aResponse().withStatus(302).withHeader("Location", location)));
        storage.stubFor(get(urlPathEqualTo("/media/" + recordingSid + ".mp3"))
                .willReturn(aResponse().withStatus(200).withBody(bytes)));

        assertThat(recordingCompleted(callSid, recordingSid, "DialVerb").status()).isEqualTo(200);
        Map<String, AttributeValue> item = awaitArchived(recordingSid);
        assertThat(s3Bytes(Item.string(item, "s3Key").orElseThrow())).isEqualTo(bytes);
        List<LoggedRequest> fetched = storage.findAll(getRequestedFor(urlPathEqualTo("/media/" + recordingSid + ".mp3")));
        assertThat(fetched).hasSize(1);
        assertThat(fetched.get(0).containsHeader("Authorization")).isFalse();
        assertThat(fetched.get(0).queryParameter("Signature").firstValue()).isEqualTo("abc");
    }

    @Test
    void mediaMissingForGoodEndsInTheDeadLetterQueueAndIsArchivedAfterARedrive() throws Exception {
        String callSid = sid("CA");
        String recordingSid = sid("RE");
        String path = mediaPath(recordingSid) + ".mp3";
        twilio.server().stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(404)
                .withBody(FakeTwilioApi.error(404, 20404, "The requested resource was not found"))));
        assertThat(recordingCompleted(callSid, recordingSid, "RecordVerb").status()).isEqualTo(200);

        Message dead = CallStack.await("the job in the archive DLQ", Duration.ofSeconds(90), () -> {
            String dlq = calls.stack.resources().queueUrl("ArchiveDeadLetterQueue");
            return calls.stack.emulators().sqs().receiveMessage(b -> b.queueUrl(dlq).visibilityTimeout(0)
                    .maxNumberOfMessages(1)).messages().stream().findFirst();
        });
        assertThat(read(dead.body()).path("recordingSid").asText()).isEqualTo(recordingSid);
        assertThat(twilio.server().findAll(getRequestedFor(urlPathEqualTo(path)))).hasSize(8); // maxReceiveCount
        assertThat(Item.string(calls.item("REC#" + recordingSid, "REC").orElseThrow(), "status")).contains("queued");

        // The file finally exists; the documented command moves the job back.
        byte[] bytes = audio(200_000, 5);
        twilio.server().stubFor(get(urlPathEqualTo(path)).atPriority(1).willReturn(aResponse().withStatus(200).withBody(bytes)));
        Process redrive = new ProcessBuilder(javaBinary(), "-jar",
                CallStack.templatePath().getParent().resolve("local/target/switchboard-local.jar").toString(),
                "redrive", "ArchiveQueue", "--sqs-port", String.valueOf(calls.stack.endpoints().sqs().getPort()),
                "--template", CallStack.templatePath().toString())
                .redirectErrorStream(true).start();
        assertThat(redrive.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String output = new String(redrive.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(redrive.exitValue()).as(output).isZero();
        assertThat(output).contains("Moved 1 message(s) from ArchiveDeadLetterQueue to ArchiveQueue");

        Map<String, AttributeValue> item = awaitArchived(recordingSid);
        assertThat(s3Bytes(Item.string(item, "s3Key").orElseThrow())).isEqualTo(bytes);
        assertThat(calls.approximateMessages("ArchiveDeadLetterQueue")).isZero();
    }

    @Test
    void theRecordingsApiListsFiltersPagesAndLinksTheAudio() throws Exception {
        String caller = "+19045550162";
        String older = sid("RE");
        String newer = sid("RE");
        byte[] olderBytes = audio(90_000, 6);
        serve(older, olderBytes);
        serve(newer, audio(80_000, 7));
        String olderCall = sid("CA");
        String newerCall = sid("CA");
        for (String callSid : List.of(olderCall, newerCall)) {
            calls.post("/twilio/voice", Map.of("AccountSid", CallStack.ACCOUNT_SID, "CallSid", callSid, "From", caller,
                    "To", CallStack.LINE, "Direction", "inbound", "CallStatus", "ringing"));
        }
        recordingCompleted(olderCall, older, "RecordVerb");
        awaitArchived(older);
        recordingCompleted(newerCall, newer, "RecordVerb");
        awaitArchived(newer);
        String token = calls.stack.recordingsToken();

        CallStack.Answer denied = calls.get("/recordings", Optional.empty());
        assertThat(denied.status()).isEqualTo(401);
        assertThat(denied.headers().get("www-authenticate")).anySatisfy(h -> assertThat(h).startsWith("Bearer"));
        assertThat(denied.body()).doesNotContain(older);
        assertThat(calls.get("/recordings", Optional.of("wrong-token-wrong-token")).status()).isEqualTo(401);
        assertThat(calls.get("/recordings?token=" + token, Optional.empty()).status()).isEqualTo(401);

        JsonNode both = read(calls.get("/recordings?number=%2B19045550162", Optional.of(token)).body());
        assertThat(both.path("recordings")).hasSize(2);
        assertThat(both.path("recordings").get(0).path("recordingSid").asText()).isEqualTo(newer);
        assertThat(both.path("recordings").get(1).path("recordingSid").asText()).isEqualTo(older);

        JsonNode first = read(calls.get("/recordings?number=%2B19045550162&limit=1", Optional.of(token)).body());
        assertThat(first.path("recordings")).hasSize(1);
        String cursor = first.path("nextCursor").asText();
        assertThat(cursor).isNotBlank();
        JsonNode second = read(calls.get("/recordings?number=%2B19045550162&limit=1&cursor=" + cursor, Optional.of(token)).body());
        assertThat(second.path("recordings").get(0).path("recordingSid").asText()).isEqualTo(older);
        assertThat(read(calls.get("/recordings?from=2000-01-01&to=2000-01-02", Optional.of(token)).body())
                .path("recordings")).isEmpty();
        assertThat(calls.get("/recordings?limit=1&cursor=bm9wZQ", Optional.of(token)).status()).isEqualTo(400);

        // The transcriber's fields, as it will fill them.
        String textKey = "transcripts/" + older + ".txt";
        calls.stack.emulators().s3().putObject(b -> b.bucket(calls.bucket()).key(textKey),
                software.amazon.awssdk.core.sync.RequestBody.fromString("Hi, this is Sam, my 2012 Civic won't start."));
        calls.stack.emulators().dynamoDb().updateItem(b -> b.tableName(calls.stack.resources().tableName("SwitchboardTable"))
                .key(Map.of("pk", AttributeValue.fromS("REC#" + older), "sk", AttributeValue.fromS("REC")))
                .updateExpression("SET transcriptStatus = :s, transcriptEngine = :e, transcriptLanguage = :l,"
                        + " transcriptExcerpt = :x, transcriptTextKey = :k, extracted = :m")
                .expressionAttributeValues(Map.of(":s", AttributeValue.fromS("completed"),
                        ":e", AttributeValue.fromS("openai-whisper"), ":l", AttributeValue.fromS("en"),
                        ":x", AttributeValue.fromS("Hi, this is Sam"), ":k", AttributeValue.fromS(textKey),
                        ":m", AttributeValue.fromM(Map.of("name", AttributeValue.fromS("Sam"))))));

        CallStack.Answer detail = calls.get("/recordings/" + older, Optional.of(token));
        assertThat(detail.status()).isEqualTo(200);
        JsonNode recording = read(detail.body());
        assertThat(recording.path("callSid").asText()).isEqualTo(olderCall);
        assertThat(recording.path("call").path("direction").asText()).isEqualTo("inbound");
        assertThat(recording.path("transcript").path("text").asText()).contains("Civic won't start");
        assertThat(recording.path("transcript").path("engine").asText()).isEqualTo("openai-whisper");
        assertThat(recording.path("extracted").path("name").asText()).isEqualTo("Sam");
        String audioUrl = recording.path("audio").path("url").asText();
        assertThat(audioUrl).contains("X-Amz-Expires=600");
        HttpResponse<byte[]> audio = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(audioUrl)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(audio.statusCode()).isEqualTo(200);
        assertThat(audio.body()).isEqualTo(olderBytes);
        assertThat(calls.get("/recordings/RE00000000000000000000000000000000", Optional.of(token)).status()).isEqualTo(404);
        assertThat(calls.get("/recordings/" + older, Optional.empty()).status()).isEqualTo(401);
    }

    record Expected(String recordingSid, byte[] bytes, String kind, long channels) {
    }

    static String javaBinary() {
        return java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
