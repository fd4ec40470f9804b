package dev.switchboard.local.scenarios.transcription;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.switchboard.local.scenarios.transcription.TranscriptionStack.s;
import static dev.switchboard.local.scenarios.transcription.TranscriptionStack.sid;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.shared.http.FormParameters;
import dev.switchboard.shared.jobs.CrmSyncJob;
import dev.switchboard.shared.jobs.TranscriptionJob;
import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.pricing.PriceTable;
import dev.switchboard.transcription.testing.FakeIntelligenceApi.Sentence;
import dev.switchboard.transcription.testing.FakeWhisperApi.Segment;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Year;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Conversational Intelligence through the local stack ({@code TRANSCRIBER=twilio-intelligence,openai-whisper}),
 * from an archived recording to a stored transcript: the transcript is created from the recording, its webhook
 * (delivered twice) queues the fetch, every page of sentences is read, the transcript lands in S3 and
 * DynamoDB, and exactly one CRM job is queued. Also: a recording deleted from Twilio is sent as a presigned S3
 * URL that really serves the audio, and a recording Intelligence refuses is transcribed by Whisper.
 */
class IntelligenceTranscriptionIT {

    static TranscriptionStack env;
    static final byte[] AUDIO = new byte[96 * 1024];

    @BeforeAll
    static void start() {
        new Random(61).nextBytes(AUDIO);
        env = new TranscriptionStack("twilio-intelligence,openai-whisper");
    }

    @AfterAll
    static void stop() {
        if (env != null) {
            env.close();
        }
    }

    @Test
    void anArchivedCallBecomesAStoredTranscriptFromTwoPagesOfSentencesWithOneCrmLead() throws Exception {
        String call = sid("CA", 0x601);
        String recording = sid("RE", 0x601);
        String transcript = sid("GT", 0x601);
        env.incomingCall(call, "+19045550123");
        env.intelligence.acceptsTranscripts(transcript);
        env.intelligence.transcript(transcript, "completed", call, recording, List.of(
                List.of(new Sentence(2, "Thanks for calling Mechanic St. Augustine, this is Mike.", 0.4, 3.1),
                        new Sentence(1, "Hi Mike, my name is Steve Rogers.", 3.5, 5.0),
                        new Sentence(1, "My 2012 Chevy Silverado's brakes are grinding, I think I need new brake pads.", 5.2, 9.8)),
                List.of(new Sentence(2, "We can do that. What's a good number for you?", 10.1, 12.0),
                        new Sentence(1, "904-555-0181.", 12.4, 14.0),
                        new Sentence(2, "Great, we'll call you back to schedule.", 14.2, 16.0))));

        TranscriptionJob job = env.archive(call, recording, AUDIO, 2, "call", false, null, "+19045550123");

        Map<String, AttributeValue> pending = env.awaitStatus(recording, "pending");
        assertThat(s(pending, "transcriptSid")).isEqualTo(transcript);
        assertThat(s(pending, "transcriptEngine")).isEqualTo("twilio-intelligence");
        assertThat(s(env.call(call), "transcriptSid")).isEqualTo(transcript);
        FormParameters create = env.intelligence.createRequests().get(env.intelligence.createRequests().size() - 1);
        assertThat(create.first("ServiceSid")).contains("GA00000000000000000000000000000001");
        assertThat(create.first("CustomerKey")).contains(call);
        JsonNode channel = Json.MAPPER.readTree(create.first("Channel").orElseThrow());
        assertThat(channel.path("media_properties").path("source_sid").asText()).isEqualTo(recording);
        assertThat(channel.path("participants").get(0).path("role").asText()).isEqualTo("Customer");
        assertThat(channel.path("participants").get(1).path("role").asText()).isEqualTo("Agent");

        // Twilio delivers the webhook twice: both are answered, only one fetch happens.
        HttpResponse<String> first = env.intelligenceWebhook(transcript, call);
        HttpResponse<String> second = env.intelligenceWebhook(transcript, call);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);

        Map<String, AttributeValue> done = env.awaitStatus(recording, "completed");
        env.awaitTranscriptionQueueEmpty();
        assertThat(env.intelligence.server().findAll(getRequestedFor(urlPathEqualTo("/v2/Transcripts/" + transcript))))
                .hasSize(1);
        assertThat(env.awaitDeliveries("fetch-transcript", transcript, 1)).isEqualTo(1);
        assertThat(env.intelligence.sentencePageRequests()).isEqualTo(2);

        String textKey = "transcripts/2026/11/22/" + call + "/" + recording + ".txt";
        String jsonKey = "transcripts/2026/11/22/" + call + "/" + recording + ".json";
        assertThat(s(done, "transcriptTextKey")).isEqualTo(textKey);
        assertThat(s(done, "transcriptJsonKey")).isEqualTo(jsonKey);
        assertThat(s(done, "transcriptLanguage")).isEqualTo("en-US");
        assertThat(env.object(textKey)).isEqualTo("""
                Business: Thanks for calling Mechanic St. Augustine, this is Mike.
                Caller: Hi Mike, my name is Steve Rogers. My 2012 Chevy Silverado's brakes are grinding, I think I need new brake pads.
                Business: We can do that. What's a good number for you?
                Caller: 904-555-0181.
                Business: Great, we'll call you back to schedule.
                """);
        JsonNode stored = Json.MAPPER.readTree(env.object(jsonKey));
        assertThat(stored.path("engine").asText()).isEqualTo("twilio-intelligence");
        assertThat(stored.path("transcriptSid").asText()).isEqualTo(transcript);
        assertThat(stored.path("sentences")).hasSize(6);
        assertThat(stored.path("sentences").get(4).path("speaker").asText()).isEqualTo("caller");
        assertThat(stored.path("sentences").get(4).path("channel").asInt()).isEqualTo(1);
        assertThat(stored.path("sentences").get(4).path("start").asDouble()).isEqualTo(12.4);
        assertThat(s(done, "transcriptExcerpt")).startsWith("Business: Thanks for calling Mechanic St. Augustine");
        Map<String, AttributeValue> extracted = done.get("extracted").m();
        assertThat(extracted.get("name").m().get("value").s()).isEqualTo("Steve Rogers");
        assertThat(extracted.get("name").m().get("sentence").s()).isEqualTo("Hi Mike, my name is Steve Rogers.");
        assertThat(extracted.get("service").m().get("value").s()).isEqualTo("brake pads");
        Map<String, AttributeValue> callItem = env.call(call);
        assertThat(s(callItem, "transcriptTextKey")).isEqualTo(textKey);
        assertThat(s(callItem, "transcriptExcerpt")).isEqualTo(s(done, "transcriptExcerpt"));
        assertThat(s(callItem, "from")).isEqualTo("+19045550123");

        List<CrmSyncJob.Transcript> leads = env.crmJobsFor(recording);
        assertThat(leads).hasSize(1);
        CrmSyncJob.Transcript lead = leads.get(0);
        assertThat(lead.kind()).isEqualTo("transcript");
        assertThat(lead.idempotencyKey()).isEqualTo("transcript:" + call + ":" + recording);
        assertThat(lead.phone()).isEqualTo("+19045550123");
        assertThat(lead.line()).isEqualTo(TranscriptionStack.LINE);
        assertThat(lead.name()).isEqualTo("Steve Rogers");
        assertThat(lead.vehicle()).isEqualTo(new CrmSyncJob.Vehicle("2012", "Chevrolet", "Silverado", null));
        assertThat(lead.service()).isEqualTo("brake pads");
        assertThat(lead.estimate().amount()).isEqualTo(PriceTable.defaults()
                .estimate("brake pads", 2012, null, Year.now()).amountText().orElseThrow());
        assertThat(lead.recordingLink()).isEqualTo(env.stack.baseUrl() + "/recordings/" + recording);
        assertThat(lead.transcriptExcerpt()).isEqualTo(s(done, "transcriptExcerpt"));
        assertThat(lead.notes()).contains("+19045550181");
        assertThat(lead.evidence()).containsEntry("name", "Hi Mike, my name is Steve Rogers.");
        assertThat(lead.occurredAt()).isEqualTo(s(callItem, "createdAt"));

        // The archive worker's job delivered again: nothing is created, stored or queued twice.
        int creates = env.intelligence.createRequests().size();
        env.send(job);
        env.awaitTranscriptionQueueEmpty();
        assertThat(env.awaitDeliveries("transcribe", recording, 2)).isEqualTo(2);
        assertThat(env.intelligence.createRequests()).hasSize(creates);
        assertThat(env.crmJobsFor(recording)).hasSize(1);
    }

    @Test
    void aRecordingDeletedFromTwilioIsSentAsAPresignedUrlThatServesTheArchivedAudio() throws Exception {
        String call = sid("CA", 0x602);
        String recording = sid("RE", 0x602);
        String transcript = sid("GT", 0x602);
        env.intelligence.acceptsTranscripts(transcript);

        env.archive(call, recording, AUDIO, 1, "voicemail", true, null, "+19045550124");

        env.awaitStatus(recording, "pending");
        FormParameters create = env.intelligence.createRequests().stream()
                .filter(f -> f.first("CustomerKey").orElse("").equals(call)).findFirst().orElseThrow();
        JsonNode media = Json.MAPPER.readTree(create.first("Channel").orElseThrow()).path("media_properties");
        assertThat(media.has("source_sid")).isFalse();
        String mediaUrl = media.path("media_url").asText();
        assertThat(mediaUrl).contains(recording + ".mp3").contains("X-Amz-Signature=");
        HttpResponse<byte[]> fetched = TranscriptionStack.HTTP.send(HttpRequest.newBuilder(URI.create(mediaUrl)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.body()).isEqualTo(AUDIO);
    }

    @Test
    void aRecordingIntelligenceRefusesIsTranscribedByWhisper() throws Exception {
        String call = sid("CA", 0x603);
        String recording = sid("RE", 0x603);
        env.intelligence.createFails(1, 400, 20001, "Invalid Channel: media could not be read", null);
        env.whisper.transcribes("english", List.of(new Segment(0.0, 2.0, "Hi, this is Karen."),
                new Segment(2.0, 6.5, "My 2011 Toyota Camry needs a new battery.")));

        env.archive(call, recording, AUDIO, 1, "voicemail", false, null, "+19045550125");

        Map<String, AttributeValue> done = env.awaitStatus(recording, "completed");
        assertThat(s(done, "transcriptEngine")).isEqualTo("openai-whisper");
        assertThat(s(done, "transcriptLanguage")).isEqualTo("en");
        assertThat(env.object(s(done, "transcriptTextKey")))
                .isEqualTo("Caller: Hi, this is Karen. My 2011 Toyota Camry needs a new battery.\n");
        assertThat(env.crmJobsFor(recording)).singleElement().satisfies(lead -> {
            assertThat(lead.name()).isEqualTo("Karen");
            assertThat(lead.service()).isEqualTo("battery replacement");
        });
    }
}
