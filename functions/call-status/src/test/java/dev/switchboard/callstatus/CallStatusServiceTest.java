package dev.switchboard.callstatus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.shared.calls.MissedCallTextPolicy.Occasion;
import dev.switchboard.shared.calls.MissedCallTexts;
import dev.switchboard.shared.config.Lines;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.http.FormParameters;
import dev.switchboard.shared.jobs.CrmSyncJob;
import dev.switchboard.shared.storage.CallRecord;
import dev.switchboard.shared.storage.CallRecords.StatusUpdate;
import dev.switchboard.shared.storage.OnceOnly;
import dev.switchboard.shared.testing.InMemoryOnceMarkers;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What happens when a call ends, with the call records, the guard, the CRM queue and the texts in memory. */
class CallStatusServiceTest {

    static final String CALL = "CA11111111111111111111111111111111";
    static final String CALLER = "+19045550123";
    static final String LINE = "+19045550200";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T20:02:00Z"), ZoneOffset.UTC);

    final Map<String, CallRecord> records = new HashMap<>();
    final List<StatusUpdate> applied = new ArrayList<>();
    boolean stale;
    RuntimeException tableOutage;
    RuntimeException queueOutage;
    final List<CrmSyncJob> crmJobs = new ArrayList<>();
    final List<Occasion> textOccasions = new ArrayList<>();
    final InMemoryOnceMarkers markers = new InMemoryOnceMarkers(CLOCK);
    final Lines lines = Lines.load(Settings.of(Map.of("TWILIO_FORWARD_TO", "+19045550177", "TWILIO_SMS_FROM", LINE)));

    final CallStatusService service = new CallStatusService(new CallStatusStore() {
        @Override
        public boolean applyStatus(StatusUpdate update, Instant now) {
            if (tableOutage != null) {
                throw tableOutage;
            }
            applied.add(update);
            return !stale;
        }

        @Override
        public Optional<CallRecord> find(String callSid) {
            if (tableOutage != null) {
                throw tableOutage;
            }
            return Optional.ofNullable(records.get(callSid));
        }
    }, lines, new OnceOnly(markers), job -> {
        if (queueOutage != null) {
            throw queueOutage;
        }
        crmJobs.add(job);
    }, (line, callSid, caller, occasion, now) -> {
        textOccasions.add(occasion);
        return new MissedCallTexts.Outcome(Optional.empty(), Optional.empty(), "sent");
    }, CLOCK);

    static StatusUpdate status(String status, String... more) {
        StringBuilder form = new StringBuilder("CallSid=" + CALL + "&CallStatus=" + status + "&From=%2B19045550123"
                + "&To=%2B19045550200&Direction=inbound&CallDuration=47&SequenceNumber=3");
        for (String extra : more) {
            form.append('&').append(extra);
        }
        return StatusCallback.parse(FormParameters.parse(form.toString()));
    }

    void callWas(boolean dialAnswered, boolean voicemailLeft) {
        records.put(CALL, new CallRecord(CALL, Optional.of(CALLER), Optional.of(LINE), Optional.of(LINE),
                Optional.of("2026-11-22T20:00:00Z"), Optional.of("in-progress"), Optional.of("inbound"),
                Optional.of("forwarded"), Optional.empty(), Optional.empty(), Optional.empty(), dialAnswered, false,
                voicemailLeft));
    }

    @Test
    void theEndOfAMissedCallQueuesOneCrmJobAndAsksForTheFallbackText() {
        callWas(false, false);
        assertThat(service.statusChanged(status("completed"))).isEqualTo(CallStatusService.Result.RECORDED);
        assertThat(crmJobs).singleElement().isEqualTo(new CrmSyncJob.Call(CALL, "2026-11-22T20:00:00Z", CALLER, LINE,
                "missed", 47));
        assertThat(textOccasions).containsExactly(Occasion.CALL_ENDED_UNANSWERED);
    }

    @Test
    void aRedeliveredFinalCallbackQueuesNothingMore() {
        callWas(true, false);
        service.statusChanged(status("completed"));
        stale = true;
        assertThat(service.statusChanged(status("completed"))).isEqualTo(CallStatusService.Result.STALE);
        assertThat(crmJobs).singleElement().extracting(job -> ((CrmSyncJob.Call) job).callOutcome()).isEqualTo("answered");
        assertThat(textOccasions).isEmpty();
    }

    @Test
    void aVoicemailIsTheCallsOutcomeAndThanksTheCaller() {
        callWas(false, true);
        service.statusChanged(status("completed"));
        assertThat(((CrmSyncJob.Call) crmJobs.get(0)).callOutcome()).isEqualTo("voicemail");
        assertThat(textOccasions).containsExactly(Occasion.VOICEMAIL_LEFT);
    }

    @Test
    void onlyTheCallersOwnLegOfAnInboundCallEndsACall() {
        callWas(false, false);
        service.statusChanged(status("ringing"));
        service.statusChanged(status("completed", "ParentCallSid=CA99999999999999999999999999999999"));
        service.statusChanged(StatusCallback.parse(FormParameters.parse("CallSid=" + CALL
                + "&CallStatus=completed&From=%2B19045550200&To=%2B19045550123&Direction=outbound-api")));
        assertThat(applied).hasSize(3);
        assertThat(crmJobs).isEmpty();
        assertThat(textOccasions).isEmpty();
    }

    @Test
    void aCallerWithoutARealNumberOrTheBusinessItselfGetsNoCrmJob() {
        records.put(CALL, new CallRecord(CALL, Optional.of("+266696687"), Optional.of(LINE), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), false, false, false));
        service.statusChanged(status("completed"));
        records.put(CALL, new CallRecord(CALL, Optional.of(LINE), Optional.of(LINE), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), false, false, false));
        service.statusChanged(status("completed"));
        assertThat(crmJobs).isEmpty();
    }

    @Test
    void withoutACallRecordTheCallbackItselfNamesTheCaller() {
        service.statusChanged(status("no-answer", "Timestamp=Sun%2C+22+Nov+2026+20%3A01%3A35+%2B0000"));
        assertThat(crmJobs).singleElement().isEqualTo(new CrmSyncJob.Call(CALL, "2026-11-22T20:01:35Z", CALLER, LINE,
                "missed", 47));
    }

    @Test
    void aStatusThatCannotBeRecordedIsReportedAndNothingElseHappens() {
        tableOutage = new IllegalStateException("table unreachable");
        assertThat(service.statusChanged(status("completed"))).isEqualTo(CallStatusService.Result.NOT_RECORDED);
        assertThat(crmJobs).isEmpty();
        assertThat(textOccasions).isEmpty();
    }

    @Test
    void withoutItsGuardTheCrmJobIsNotQueuedRatherThanQueuedTwice() {
        callWas(false, false);
        markers.failWith(new IllegalStateException("table unreachable"));
        assertThat(service.statusChanged(status("completed"))).isEqualTo(CallStatusService.Result.RECORDED);
        assertThat(crmJobs).isEmpty();
    }

    @Test
    void aQueueOutageFreesTheGuardSoTheRedeliveredCallbackQueuesTheJob() {
        callWas(false, false);
        queueOutage = new IllegalStateException("queue unreachable");
        service.statusChanged(status("completed"));
        assertThat(crmJobs).isEmpty();
        assertThat(markers.holds(CallStatusService.CRM_SCOPE, CALL)).isFalse();

        queueOutage = null;
        service.statusChanged(status("completed"));
        service.statusChanged(status("completed"));
        assertThat(crmJobs).hasSize(1);
    }
}
