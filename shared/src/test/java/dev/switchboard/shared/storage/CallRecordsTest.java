package dev.switchboard.shared.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.shared.storage.CallRecords.StatusUpdate;
import dev.switchboard.shared.testing.Emulators;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The call record in DynamoDB Local: what each webhook writes, in any order, and the status that only moves forward. */
class CallRecordsTest {

    static final Instant T0 = Instant.parse("2026-11-22T20:00:00Z");

    final Table table = Emulators.shared().table();
    final CallRecords calls = new CallRecords(table);
    final String callSid = "CA" + UUID.randomUUID().toString().replace("-", "");

    StatusUpdate status(String status, boolean isFinal, Long sequence, Instant timestamp) {
        return new StatusUpdate(callSid, status, isFinal, Optional.ofNullable(sequence), Optional.ofNullable(timestamp),
                Optional.of(47L), Optional.of("+19045550123"), Optional.of("+19045550200"), Optional.of("inbound"),
                Optional.empty());
    }

    Map<String, AttributeValue> item() {
        return table.get(CallRecords.pk(callSid), CallRecords.SK).orElseThrow();
    }

    @Test
    void theFirstWriterSetsCreatedAtWhicheverWebhookItIs() {
        calls.recordDialOutcome(new CallRecords.DialOutcome(callSid, "no-answer", "no-answer", false, Optional.empty(),
                Optional.of(12L)), T0);
        calls.recordIncoming(new CallRecords.IncomingCall(callSid, Optional.of("+19045550123"),
                Optional.of("+19045550200"), Optional.of("+19045550200"), Optional.of("inbound"), Optional.of("ringing"),
                Optional.empty(), Optional.of("forwarded")), T0.plusSeconds(30));
        calls.recordVoicemail(callSid, true, Optional.of("RE1"), Optional.of(23L), T0.plusSeconds(60));

        CallRecord call = calls.find(callSid).orElseThrow();
        assertThat(call.createdAt()).contains(T0.toString());
        assertThat(call.from()).contains("+19045550123");
        assertThat(call.line()).contains("+19045550200");
        assertThat(call.route()).contains("forwarded");
        assertThat(call.dialOutcome()).contains("no-answer");
        assertThat(call.dialAnswered()).isFalse();
        assertThat(call.voicemailLeft()).isTrue();
        assertThat(item()).containsEntry("updatedAt", Item.time(T0.plusSeconds(60)))
                .containsEntry("dialCallDuration", Item.n(12)).containsEntry("voicemailRecordingSid", Item.s("RE1"));
    }

    @Test
    void theStatusOnlyMovesForwardBySequenceNumber() {
        assertThat(calls.applyStatus(status("ringing", false, 1L, null), T0)).isTrue();
        assertThat(calls.applyStatus(status("in-progress", false, 2L, null), T0)).isTrue();
        assertThat(calls.applyStatus(status("ringing", false, 1L, null), T0)).as("late").isFalse();
        assertThat(calls.applyStatus(status("in-progress", false, 2L, null), T0)).as("repeat").isFalse();
        assertThat(calls.applyStatus(status("completed", true, 3L, null), T0.plusSeconds(95))).isTrue();
        CallRecord call = calls.find(callSid).orElseThrow();
        assertThat(call.status()).contains("completed");
        assertThat(call.durationSeconds()).contains(47L);
        assertThat(call.endedAt()).contains(T0.plusSeconds(95).toString());
    }

    @Test
    void withoutSequenceNumbersALaterTimestampWinsAndAFinalStatusIsNeverReplacedByAnEarlierOne() {
        assertThat(calls.applyStatus(status("completed", true, null, T0.plusSeconds(10)), T0)).isTrue();
        assertThat(calls.applyStatus(status("in-progress", false, null, T0.plusSeconds(5)), T0)).isFalse();
        assertThat(calls.applyStatus(status("in-progress", false, null, T0.plusSeconds(20)), T0))
                .as("a non-final status never follows a final one").isFalse();
        assertThat(calls.find(callSid).orElseThrow().status()).contains("completed");
        assertThat(item()).containsEntry("statusFinal", Item.bool(true));
    }

    @Test
    void aCallNobodyWroteIsNotFound() {
        assertThat(calls.find(callSid)).isEmpty();
        assertThat(CallRecord.unknown(callSid).from()).isEmpty();
    }

    @Test
    void theScreeningAndTheRecordingsLeaveTheirMarks() {
        calls.recordScreenAccepted(callSid, "CA-owner-leg", T0);
        calls.recordRecordingCompleted(callSid, "RE2", false, T0);
        calls.recordRecordingProblem(callSid, "RE3", "absent", Optional.of("13617"), T0);
        assertThat(calls.find(callSid).orElseThrow().screenAccepted()).isTrue();
        assertThat(item()).containsEntry("screenLegSid", Item.s("CA-owner-leg"))
                .containsEntry("lastRecordingSid", Item.s("RE2"))
                .containsEntry("recordingStatus", Item.s("absent"))
                .containsEntry("recordingErrorCode", Item.s("13617"))
                .doesNotContainKey("voicemailLeft");
    }

    @Test
    void theTranscriptMirroredOnTheCallIsNeverReplacedOnceFinished() {
        assertThat(calls.recordTranscript(callSid, Map.of("transcriptStatus", Item.s("completed")), T0, true)).isTrue();
        assertThat(calls.recordTranscript(callSid, Map.of("transcriptStatus", Item.s("pending")), T0, true)).isFalse();
        assertThat(item()).containsEntry("transcriptStatus", Item.s("completed"))
                .containsEntry("callSid", Item.s(callSid));
    }
}
