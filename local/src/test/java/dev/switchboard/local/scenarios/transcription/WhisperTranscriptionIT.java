package dev.switchboard.local.scenarios.transcription;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.switchboard.local.scenarios.transcription.TranscriptionStack.s;
import static dev.switchboard.local.scenarios.transcription.TranscriptionStack.sid;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.switchboard.shared.jobs.CrmSyncJob;
import dev.switchboard.shared.pricing.PriceTable;
import dev.switchboard.transcription.testing.FakeWhisperApi.Segment;
import dev.switchboard.transcription.testing.FakeWhisperApi;
import java.nio.charset.StandardCharsets;
import java.time.Year;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * OpenAI speech-to-text through the local stack ({@code TRANSCRIBER=openai-whisper}): the archived audio is
 * streamed from S3 as a multipart request of the documented shape; a 429 is retried after Retry-After
 * and then succeeds; a permanent 400 sends the job to the dead-letter queue and marks the recording failed;
 * a file over the upload limit is skipped and the call still reaches the CRM.
 */
class WhisperTranscriptionIT {

    static TranscriptionStack env;

    @BeforeAll
    static void start() {
        env = new TranscriptionStack("openai-whisper");
    }

    @AfterAll
    static void stop() {
        if (env != null) {
            env.close();
        }
    }

    static byte[] audio(int seed) {
        byte[] bytes = new byte[200 * 1024];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** The Whisper requests about this recording (the file part is named after it). */
    static List<LoggedRequest> requestsFor(String recording) {
        return env.whisper.requests().stream()
                .filter(r -> new String(r.getBody(), StandardCharsets.ISO_8859_1).contains("filename=\"" + recording + ".mp3\""))
                .toList();
    }

    @Test
    void aVoicemailIsStreamedAsMultipartAndStoredInTheCallersWords() throws Exception {
        String call = sid("CA", 0x701);
        String recording = sid("RE", 0x701);
        byte[] audio = audio(701);
        env.incomingCall(call, "+19045550131");
        env.whisper.transcribes("english", List.of(
                new Segment(0.0, 1.8, "Hi, this is Karen."),
                new Segment(1.8, 5.6, "My 2011 Toyota Camry won't start, I think I need a new battery."),
                new Segment(5.6, 10.2, "Call me at nine oh four, five five five, zero one eight seven.")));

        env.archive(call, recording, audio, 1, "voicemail", false, null, "+19045550131");

        Map<String, AttributeValue> done = env.awaitStatus(recording, "completed");
        env.whisper.server().verify(1, postRequestedFor(urlPathEqualTo(FakeWhisperApi.PATH))
                .withHeader("Authorization", equalTo("Bearer sk-local-test-key"))
                .withHeader("Content-Type", matching("multipart/form-data; boundary=.+"))
                .withRequestBodyPart(aMultipart().withName("model").withBody(equalTo("whisper-1")).build())
                .withRequestBodyPart(aMultipart().withName("response_format").withBody(equalTo("verbose_json")).build())
                .withRequestBodyPart(aMultipart().withName("file")
                        .withHeader("Content-Disposition", containing("filename=\"" + recording + ".mp3\""))
                        .withHeader("Content-Type", equalTo("audio/mpeg"))
                        .withBody(binaryEqualTo(audio)).build()));
        LoggedRequest request = requestsFor(recording).get(0);
        assertThat(request.getHeader("Content-Length")).isEqualTo(String.valueOf(request.getBody().length));

        assertThat(s(done, "transcriptEngine")).isEqualTo("openai-whisper");
        assertThat(s(done, "transcriptLanguage")).isEqualTo("en");
        assertThat(env.object(s(done, "transcriptTextKey"))).isEqualTo("Caller: Hi, this is Karen. My 2011 Toyota Camry"
                + " won't start, I think I need a new battery. Call me at nine oh four, five five five, zero one eight seven.\n");
        assertThat(done.get("extracted").m().get("callbackNumber").m().get("value").s()).isEqualTo("+19045550187");
        assertThat(done.get("extracted").m().get("urgency").m().get("value").s()).isEqualTo("won't start");

        CrmSyncJob.Transcript lead = env.crmJobsFor(recording).get(0);
        assertThat(env.crmJobsFor(recording)).hasSize(1);
        assertThat(lead.callOutcome()).isEqualTo("voicemail");
        assertThat(lead.name()).isEqualTo("Karen");
        assertThat(lead.urgency()).containsExactly("won't start");
        assertThat(lead.vehicle()).isEqualTo(new CrmSyncJob.Vehicle("2011", "Toyota", "Camry", null));
        assertThat(lead.estimate()).isEqualTo(new CrmSyncJob.Estimate(PriceTable.defaults()
                .estimate("battery replacement", 2011, null, Year.now()).amountText().orElseThrow(), "USD",
                "battery replacement"));
    }

    @Test
    void tooManyRequestsIsRetriedAfterRetryAfterAndThenSucceeds() throws Exception {
        String call = sid("CA", 0x702);
        String recording = sid("RE", 0x702);
        env.whisper.transcribes("english", List.of(new Segment(0.0, 2.0, "Hi, it's Sam, I need an oil change.")));
        env.whisper.failsNext(1, 429, "requests", "rate_limit_exceeded", "Rate limit reached for whisper-1", "1");

        env.archive(call, recording, audio(702), 1, "voicemail", false, null, "+19045550132");

        Map<String, AttributeValue> done = env.awaitStatus(recording, "completed");
        assertThat(requestsFor(recording)).hasSize(2);
        assertThat(env.awaitDeliveries("transcribe", recording, 2)).as("retried through the queue").isEqualTo(2);
        assertThat(done.get("extracted").m().get("service").m().get("value").s()).isEqualTo("oil change");
        assertThat(env.crmJobsFor(recording)).hasSize(1);
    }

    @Test
    void aPermanent400GoesToTheDeadLetterQueueAndTheRecordingIsMarkedFailed() throws Exception {
        String call = sid("CA", 0x703);
        String recording = sid("RE", 0x703);
        env.whisper.failsNext(1, 400, "invalid_request_error", null,
                "Invalid file format. Supported formats: ['flac', 'm4a', 'mp3', 'mp4', 'mpeg', 'mpga', 'oga', 'ogg', 'wav', 'webm']",
                null);

        env.archive(call, recording, audio(703), 1, "voicemail", false, null, "+19045550133");

        Map<String, AttributeValue> failed = env.awaitStatus(recording, "failed");
        assertThat(s(failed, "transcriptError")).contains("HTTP 400").contains("Invalid file format");
        List<Message> dead = TranscriptionStack.await("the job in the dead-letter queue", 30, () -> {
            List<Message> found = env.deadLettersFor(recording);
            return found.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(found);
        });
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).messageAttributes().get("failure-reason").stringValue())
                .contains("OpenAI refused the transcription: HTTP 400 invalid_request_error: Invalid file format");
        env.awaitTranscriptionQueueEmpty();
        assertThat(requestsFor(recording)).hasSize(1);
        assertThat(env.awaitDeliveries("transcribe", recording, 1)).as("never retried").isEqualTo(1);
        assertThat(env.crmJobsFor(recording)).isEmpty();
    }

    @Test
    void aRecordingOverTheUploadLimitIsSkippedAndTheCallStillReachesTheCrm() throws Exception {
        String call = sid("CA", 0x704);
        String recording = sid("RE", 0x704);

        env.archive(call, recording, audio(704), 2, "call", false, 27L * 1024 * 1024, "+19045550134");

        Map<String, AttributeValue> skipped = env.awaitStatus(recording, "skipped");
        assertThat(s(skipped, "transcriptSkippedReason")).contains("27.0 MB").contains("25 MB upload limit");
        assertThat(requestsFor(recording)).isEmpty();
        assertThat(env.crmJobsFor(recording)).singleElement().satisfies(lead -> {
            assertThat(lead.phone()).isEqualTo("+19045550134");
            assertThat(lead.transcriptExcerpt()).isNull();
            assertThat(lead.callOutcome()).isEqualTo("answered");
        });
    }
}
