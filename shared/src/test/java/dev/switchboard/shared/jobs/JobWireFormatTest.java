package dev.switchboard.shared.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.queue.JobType;
import dev.switchboard.shared.testing.TwilioEvents;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The jobs as they travel: each kind its own record, written with a {@code kind} a person can read in a DLQ,
 * and every job queued in an older shape (the 21-field CRM job, the transcription job with {@code type})
 * still read. The older shapes are fixtures here, written out in full as the old records serialised them.
 */
class JobWireFormatTest {

    static final String CALL = "CA0f1e2d3c4b5a69788796a5b4c3d2e1f0";

    static String body(String sampleEvent) {
        SQSEvent event = EventLoader.loadSQSEvent(TwilioEvents.projectRoot().resolve("events").resolve(sampleEvent)
                .toString());
        return event.getRecords().get(0).getBody();
    }

    static List<String> fields(Object job) throws IOException {
        List<String> names = new ArrayList<>();
        Json.MAPPER.readTree(Json.write(job)).fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void everySampleJobReadsIntoItsRecordAndIsValid() throws IOException {
        assertThat(CrmSyncJob.TYPE.read(body("crm-sync-quote.json"))).isInstanceOf(CrmSyncJob.Quote.class);
        assertThat(CrmSyncJob.TYPE.read(body("crm-sync-call.json"))).isInstanceOf(CrmSyncJob.Call.class);
        assertThat(CrmSyncJob.TYPE.read(body("crm-sync-transcript.json"))).isInstanceOf(CrmSyncJob.Transcript.class);
        assertThat(CrmSyncJob.TYPE.read(body("crm-sync-note.json"))).isInstanceOf(CrmSyncJob.Note.class);
        assertThat(TranscriptionJob.TYPE.read(body("transcriber-transcribe.json")))
                .isInstanceOf(TranscriptionJob.Transcribe.class);
        assertThat(TranscriptionJob.TYPE.read(body("transcriber-fetch-transcript.json")))
                .isInstanceOf(TranscriptionJob.FetchTranscript.class);
        for (String sample : List.of("crm-sync-quote.json", "crm-sync-call.json", "crm-sync-transcript.json",
                "crm-sync-note.json")) {
            CrmSyncJob.TYPE.read(body(sample)).validate();
        }
        TranscriptionJob.TYPE.read(body("transcriber-transcribe.json")).validate();
        ArchiveRecordingJob.TYPE.read(body("recording-archiver-job.json")).validate();
        SmsJob.TYPE.read(body("sms-sender-job.json")).validate();
    }

    @Test
    void anAppointmentAnswerIsATypedAlertJobStartingWithItsKind() throws IOException {
        AlertJob job = AlertJob.TYPE.read(body("owner-alerts-appointment.json"));
        assertThat(job).isEqualTo(new AlertJob.Appointment("A-1042", "+19045550123", "+19045550200",
                "2026-12-10T15:05:00Z", AlertJob.Reply.confirmed, "SM11112222333344445555666677778888",
                "2026-12-11T15:30:00Z"));
        job.validate();
        assertThat(job.kind()).isEqualTo("appointment");
        assertThat(job.eventKey()).isEqualTo("appointment:A-1042:SM11112222333344445555666677778888");
        assertThat(job.logFields()).containsOnlyKeys("appointmentId", "messageSid");
        assertThat(Json.MAPPER.readTree(Json.write(job))).isEqualTo(Json.MAPPER.readTree(body("owner-alerts-appointment.json")));
        assertThat(fields(job)).startsWith("kind").doesNotContain("eventKey");
        assertThat(((AlertJob.Appointment) AlertJob.TYPE.read(body("owner-alerts-appointment.json")
                .replace("\"confirmed\"", "\"reschedule\""))).reply()).isEqualTo(AlertJob.Reply.reschedule);
        assertThat(job).isInstanceOf(AlertJob.AboutCustomer.class);

        assertThatThrownBy(() -> new AlertJob.Appointment("A-1", "+19045550123", null, "t", null, "SM1", null).validate())
                .hasMessageContaining("reply");
        assertThatThrownBy(() -> new AlertJob.Appointment("A-1", "+19045550123", null, "t", AlertJob.Reply.confirmed,
                null, null).validate()).hasMessageContaining("messageSid");
        assertThatThrownBy(() -> new AlertJob.Appointment("A-1", "9045550123", null, "t", AlertJob.Reply.confirmed,
                "SM1", null).validate()).hasMessageContaining("E.164");
        assertThatThrownBy(() -> AlertJob.TYPE.read(body("owner-alerts-appointment.json").replace("\"confirmed\"",
                "\"maybe\""))).isInstanceOf(IOException.class);
    }

    @Test
    void transcriptionJobsQueuedWithTypeInsteadOfKindStillRead() throws IOException {
        TranscriptionJob transcribe = TranscriptionJob.TYPE.read(body("transcriber-transcribe-legacy.json"));
        assertThat(transcribe).isEqualTo(TranscriptionJob.TYPE.read(body("transcriber-transcribe.json")));
        TranscriptionJob fetch = TranscriptionJob.TYPE.read(body("transcriber-fetch-transcript-legacy.json"));
        assertThat(fetch).isEqualTo(new TranscriptionJob.FetchTranscript("GT33333333333333333333333333333333",
                "CA11111111111111111111111111111111", "2026-11-22T20:02:00Z"));

        // The old record with every field of both kinds, nulls written out.
        TranscriptionJob old = TranscriptionJob.TYPE.read("{\"type\":\"fetch-transcript\",\"callSid\":null,"
                + "\"recordingSid\":null,\"bucket\":null,\"key\":null,\"contentType\":null,\"sizeBytes\":null,"
                + "\"channels\":null,\"durationSeconds\":null,\"deletedFromTwilio\":null,"
                + "\"transcriptSid\":\"GT1\",\"from\":null,\"to\":null,\"line\":null,\"recordingKind\":null,"
                + "\"requestedAt\":\"2026-11-22T20:02:00Z\"}");
        assertThat(old).isEqualTo(new TranscriptionJob.FetchTranscript("GT1", null, "2026-11-22T20:02:00Z"));
    }

    @Test
    void aTranscriptionJobIsWrittenWithItsKindAndOnlyItsOwnFields() throws IOException {
        TranscriptionJob job = new TranscriptionJob.FetchTranscript("GT1", null, "2026-11-22T20:02:00Z");
        assertThat(Json.write(job)).isEqualTo("{\"kind\":\"fetch-transcript\",\"transcriptSid\":\"GT1\","
                + "\"requestedAt\":\"2026-11-22T20:02:00Z\"}");
        TranscriptionJob.Transcribe transcribe = (TranscriptionJob.Transcribe) TranscriptionJob.TYPE.read(
                body("transcriber-transcribe.json"));
        assertThat(TranscriptionJob.TYPE.read(Json.write(transcribe))).isEqualTo(transcribe);
        assertThat(fields(transcribe)).startsWith("kind").doesNotContain("type", "transcriptSid");
    }

    @Test
    void crmJobsQueuedInTheOld21FieldShapeReadIntoTheirKind() throws IOException {
        String quote = "{\"kind\":\"quote\",\"idempotencyKey\":\"quote:Q-1\",\"occurredAt\":\"2026-11-22T20:00:00Z\","
                + "\"phone\":\"+15551234567\",\"line\":\"+19045550200\",\"source\":\"web\",\"name\":\"John Doe\","
                + "\"email\":null,\"vehicle\":{\"year\":\"2018\",\"make\":\"Toyota\",\"model\":\"Camry\",\"engine\":null},"
                + "\"service\":\"oil change\",\"estimate\":{\"amount\":\"50.00\",\"currency\":\"USD\",\"service\":\"oil change\"},"
                + "\"notes\":null,\"leadId\":\"Q-1\",\"callSid\":null,\"callOutcome\":null,\"durationSeconds\":null,"
                + "\"recordingSid\":null,\"recordingLink\":null,\"transcriptExcerpt\":null,\"urgency\":null,\"evidence\":null}";
        assertThat(CrmSyncJob.TYPE.read(quote)).isEqualTo(new CrmSyncJob.Quote("Q-1", "2026-11-22T20:00:00Z",
                "+15551234567", "+19045550200", "John Doe", null, new CrmSyncJob.Vehicle("2018", "Toyota", "Camry", null),
                "oil change", new CrmSyncJob.Estimate("50.00", "USD", "oil change"), null));

        String call = "{\"kind\":\"call\",\"idempotencyKey\":\"call:" + CALL + "\",\"occurredAt\":\"2026-11-23T18:02:40Z\","
                + "\"phone\":\"+19045550123\",\"line\":\"+19045550100\",\"source\":\"call\",\"name\":null,\"email\":null,"
                + "\"vehicle\":null,\"service\":null,\"estimate\":null,\"notes\":null,\"leadId\":null,"
                + "\"callSid\":\"" + CALL + "\",\"callOutcome\":\"voicemail\",\"durationSeconds\":47,\"recordingSid\":null,"
                + "\"recordingLink\":null,\"transcriptExcerpt\":null,\"urgency\":null,\"evidence\":null}";
        CrmSyncJob readCall = CrmSyncJob.TYPE.read(call);
        assertThat(readCall).isEqualTo(new CrmSyncJob.Call(CALL, "2026-11-23T18:02:40Z", "+19045550123",
                "+19045550100", "voicemail", 47));
        assertThat(readCall.idempotencyKey()).isEqualTo("call:" + CALL);

        String transcript = "{\"kind\":\"transcript\",\"idempotencyKey\":\"transcript:CA1:RE1\",\"occurredAt\":\"t\","
                + "\"phone\":\"+19045550123\",\"line\":null,\"source\":\"call\",\"name\":\"Sam\",\"email\":null,"
                + "\"vehicle\":null,\"service\":null,\"estimate\":null,\"notes\":null,\"leadId\":null,\"callSid\":\"CA1\","
                + "\"callOutcome\":\"answered\",\"durationSeconds\":30,\"recordingSid\":\"RE1\","
                + "\"recordingLink\":\"https://x/recordings/RE1\",\"transcriptExcerpt\":\"hi\",\"urgency\":[\"tow\"],"
                + "\"evidence\":{\"name\":\"this is Sam\"}}";
        assertThat(CrmSyncJob.TYPE.read(transcript)).isEqualTo(new CrmSyncJob.Transcript("CA1", "RE1", "t",
                "+19045550123", null, "Sam", null, null, null, null, "answered", 30, "https://x/recordings/RE1", "hi",
                List.of("tow"), Map.of("name", "this is Sam")));
    }

    @Test
    void aCrmJobIsWrittenAsBeforeSoAWebhooksTriggerAndAnOlderWorkerReadItUnchanged() throws IOException {
        JsonNode sample = Json.MAPPER.readTree(body("crm-sync-call.json"));
        CrmSyncJob job = CrmSyncJob.TYPE.read(body("crm-sync-call.json"));
        assertThat(Json.MAPPER.readTree(Json.write(job))).isEqualTo(sample);
        assertThat(fields(job)).startsWith("kind").contains("idempotencyKey", "source");
        for (String sample2 : List.of("crm-sync-quote.json", "crm-sync-transcript.json", "crm-sync-note.json")) {
            assertThat(Json.MAPPER.readTree(Json.write(CrmSyncJob.TYPE.read(body(sample2)))))
                    .isEqualTo(Json.MAPPER.readTree(body(sample2)));
        }
    }

    @Test
    void aJobOfNoKnownKindIsMalformed() {
        assertThatThrownBy(() -> CrmSyncJob.TYPE.read("{\"kind\":\"fax\",\"phone\":\"+19045550123\"}"))
                .isInstanceOf(IOException.class).hasMessageContaining("fax");
        assertThatThrownBy(() -> TranscriptionJob.TYPE.read("{\"transcriptSid\":\"GT1\"}"))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> JobType.of(SmsJob.class).read("[]")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> new CrmSyncJob.Call(CALL, "t", "19045550123", null, "missed", 0).validate())
                .hasMessageContaining("E.164");
        assertThatThrownBy(() -> new CrmSyncJob.Quote(null, "t", "+19045550123", null, null, null, null, null, null,
                null).validate()).hasMessageContaining("leadId");
    }

    @Test
    void eachJobNamesWhatItIsAboutForTheLogs() throws IOException {
        assertThat(CrmSyncJob.TYPE.read(body("crm-sync-call.json")).logFields()).containsExactly(Map.entry("callSid", CALL));
        assertThat(CrmSyncJob.TYPE.read(body("crm-sync-quote.json")).logFields()).containsOnlyKeys("leadId");
        assertThat(CrmSyncJob.TYPE.read(body("crm-sync-transcript.json")).logFields())
                .containsOnlyKeys("callSid", "recordingSid");
        assertThat(ArchiveRecordingJob.TYPE.read(body("recording-archiver-job.json")).logFields())
                .containsOnlyKeys("callSid", "recordingSid");
        assertThat(SmsJob.TYPE.read(body("sms-sender-job.json")).logFields())
                .containsExactly(Map.entry("leadId", "Q-0123456789abcdef0123"));
        assertThat(TextKeys.logFields(TextKeys.missedCall("CA1"))).containsExactly(Map.entry("callSid", "CA1"));
        assertThat(TextKeys.logFields(TextKeys.ownerForward("SM1"))).containsExactly(Map.entry("messageSid", "SM1"));
        assertThat(new TranscriptionJob.FetchTranscript("GT1", null, "t").logFields())
                .containsExactly(Map.entry("transcriptSid", "GT1"));
    }
}
