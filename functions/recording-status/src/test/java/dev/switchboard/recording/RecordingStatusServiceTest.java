package dev.switchboard.recording;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.shared.http.FormParameters;
import dev.switchboard.shared.jobs.ArchiveRecordingJob;
import dev.switchboard.shared.storage.CallRecord;
import dev.switchboard.shared.storage.OnceOnly;
import dev.switchboard.shared.storage.RecordingRecords.NewRecording;
import dev.switchboard.shared.testing.InMemoryOnceMarkers;
import dev.switchboard.shared.testing.TwilioEvents;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The recording callback's rules, with the table, the guard and the archive queue in memory. */
class RecordingStatusServiceTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T20:03:00Z"), ZoneOffset.UTC);
    static final String CALLER = "+19045550123";
    static final String LINE = "+19045550200";

    final List<NewRecording> announced = new ArrayList<>();
    final List<String> onCall = new ArrayList<>();
    final List<ArchiveRecordingJob> queued = new ArrayList<>();
    RuntimeException tableOutage;
    RuntimeException queueOutage;
    final InMemoryOnceMarkers markers = new InMemoryOnceMarkers(CLOCK);

    final RecordingStatusService service = new RecordingStatusService(new RecordingLog() {
        @Override
        public Optional<CallRecord> call(String callSid) {
            up();
            return Optional.of(new CallRecord(callSid, Optional.of(CALLER), Optional.of(LINE), Optional.of(LINE),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), false, false, false));
        }

        @Override
        public void announce(NewRecording recording, Instant now) {
            up();
            announced.add(recording);
        }

        @Override
        public void completedOnCall(String callSid, String recordingSid, boolean voicemail, Instant now) {
            up();
            onCall.add("completed " + recordingSid + (voicemail ? " voicemail" : ""));
        }

        @Override
        public void problemOnCall(String callSid, String recordingSid, String status, Optional<String> errorCode,
                                  Instant now) {
            up();
            onCall.add(status + " " + recordingSid + " " + errorCode.orElse("-"));
        }

        private void up() {
            if (tableOutage != null) {
                throw tableOutage;
            }
        }
    }, new OnceOnly(markers), job -> {
        if (queueOutage != null) {
            throw queueOutage;
        }
        queued.add(job);
    }, CLOCK);

    static RecordingCallback completed() {
        return RecordingCallback.parse(TwilioEvents.params(TwilioEvents.load("recording-status-completed.json")));
    }

    @Test
    void aCompletedRecordingIsAnnouncedAndQueuedOnceWithItsCallsParties() {
        RecordingCallback callback = completed();
        assertThat(service.recordingStatus(callback)).isEqualTo(RecordingStatusService.Result.QUEUED);
        assertThat(service.recordingStatus(callback)).isEqualTo(RecordingStatusService.Result.ALREADY_QUEUED);

        assertThat(queued).singleElement().satisfies(job -> {
            assertThat(job.recordingSid()).isEqualTo(callback.recordingSid());
            assertThat(job.recordingUrl()).isEqualTo(callback.recordingUrl().orElseThrow());
            assertThat(job.kind()).isEqualTo("voicemail");
            assertThat(job.from()).isEqualTo(CALLER);
            assertThat(job.to()).isEqualTo(LINE);
            assertThat(job.line()).isEqualTo(LINE);
            assertThat(job.requestedAt()).isEqualTo(CLOCK.instant().toString());
            job.validate();
        });
        assertThat(announced.get(0).status()).isEqualTo("queued");
        assertThat(announced.get(0).listed()).isTrue();
        assertThat(onCall).contains("completed " + callback.recordingSid() + " voicemail");
    }

    @Test
    void withTheTableDownTheJobIsQueuedAnywayBecauseTheWorkerDedupes() {
        tableOutage = new IllegalStateException("table unreachable");
        markers.failWith(tableOutage);
        assertThat(service.recordingStatus(completed())).isEqualTo(RecordingStatusService.Result.QUEUED);
        assertThat(queued).singleElement().satisfies(job -> assertThat(job.from()).isNull());
    }

    @Test
    void withOnlyTheGuardDownTheJobIsQueuedUnguarded() {
        markers.failWith(new IllegalStateException("table unreachable"));
        assertThat(service.recordingStatus(completed())).isEqualTo(RecordingStatusService.Result.QUEUED);
        assertThat(queued).hasSize(1);
    }

    @Test
    void aQueueOutageIsReportedAndFreesTheGuardForTwiliosRetry() {
        queueOutage = new IllegalStateException("queue unreachable");
        assertThat(service.recordingStatus(completed())).isEqualTo(RecordingStatusService.Result.NOT_QUEUED);
        assertThat(markers.holds(RecordingStatusService.ARCHIVE_SCOPE, completed().recordingSid())).isFalse();
        queueOutage = null;
        assertThat(service.recordingStatus(completed())).isEqualTo(RecordingStatusService.Result.QUEUED);
        assertThat(queued).hasSize(1);
    }

    @Test
    void aRecordingWithoutAudioIsRecordedButNeverQueued() {
        RecordingCallback absent = RecordingCallback.parse(TwilioEvents.params(
                TwilioEvents.load("recording-status-absent.json")));
        assertThat(service.recordingStatus(absent)).isEqualTo(RecordingStatusService.Result.NO_AUDIO);
        assertThat(queued).isEmpty();
        assertThat(announced).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo("absent");
            assertThat(r.listed()).isFalse();
        });
        assertThat(onCall).singleElement().asString().startsWith("absent " + absent.recordingSid());

        tableOutage = new IllegalStateException("table unreachable");
        assertThat(service.recordingStatus(absent)).isEqualTo(RecordingStatusService.Result.NO_AUDIO);
    }

    @Test
    void aRecordingStillInProgressNeedsNothing() {
        RecordingCallback inProgress = RecordingCallback.parse(FormParameters.parse(
                "CallSid=CA1&RecordingSid=RE1&RecordingStatus=in-progress"));
        assertThat(service.recordingStatus(inProgress)).isEqualTo(RecordingStatusService.Result.IGNORED);
        assertThat(announced).isEmpty();
        assertThat(queued).isEmpty();
    }
}
