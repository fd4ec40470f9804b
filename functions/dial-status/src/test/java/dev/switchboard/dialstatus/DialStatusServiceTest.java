package dev.switchboard.dialstatus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.dialstatus.DialStatusService.Next;
import dev.switchboard.shared.calls.MissedCallTextPolicy.Occasion;
import dev.switchboard.shared.calls.MissedCallTexts;
import dev.switchboard.shared.config.Lines;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.http.FormParameters;
import dev.switchboard.shared.storage.CallRecord;
import dev.switchboard.shared.storage.CallRecords;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rules of a dial's and a voicemail's end, with the call records and the texts in memory. */
class DialStatusServiceTest {

    static final String CALL = "CA11111111111111111111111111111111";
    static final String SCREENED_LINE = "+19045550300";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T15:00:00Z"), ZoneOffset.UTC);

    final Lines lines = Lines.load(Settings.of(Map.of("TWILIO_FORWARD_TO", "+19045550177",
            "LINES", "{\"" + SCREENED_LINE + "\": {\"forwardTo\": \"+19045550177\", \"screen\": true}}")));
    final List<CallRecords.DialOutcome> outcomes = new ArrayList<>();
    final List<String> voicemails = new ArrayList<>();
    final List<Occasion> texts = new ArrayList<>();
    boolean screenAccepted;
    RuntimeException tableOutage;

    final DialStatusService service = new DialStatusService(new DialStatusStore() {
        @Override
        public Optional<CallRecord> find(String callSid) {
            up();
            return Optional.of(new CallRecord(callSid, Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), false, screenAccepted, false));
        }

        @Override
        public void recordDialOutcome(CallRecords.DialOutcome outcome, Instant now) {
            up();
            outcomes.add(outcome);
        }

        @Override
        public void recordVoicemail(String callSid, boolean left, Optional<String> recordingSid,
                                    Optional<Long> durationSeconds, Instant now) {
            up();
            voicemails.add(callSid + (left ? " left " : " empty ") + recordingSid.orElse("-"));
        }

        private void up() {
            if (tableOutage != null) {
                throw tableOutage;
            }
        }
    }, lines, (line, callSid, caller, occasion, now) -> {
        texts.add(occasion);
        return new MissedCallTexts.Outcome(Optional.empty(), Optional.empty(), "sent");
    }, CLOCK);

    static DialCallback dial(String to, String dialCallStatus, String callStatus) {
        return DialCallback.parse(FormParameters.parse("CallSid=" + CALL + "&From=%2B19045550123&To="
                + to.replace("+", "%2B") + "&DialCallStatus=" + dialCallStatus + "&CallStatus=" + callStatus
                + "&DialCallSid=CA22222222222222222222222222222222&DialCallDuration=12"));
    }

    @Test
    void aMissedCallGoesToVoicemailAndTheWaitingCallerIsTexted() {
        DialStatusService.DialDecision decision = service.dialEnded(dial("+19045550200", "no-answer", "in-progress"));
        assertThat(decision.next()).isEqualTo(Next.VOICEMAIL);
        assertThat(texts).containsExactly(Occasion.NOT_ANSWERED_CALLER_WAITING);
        assertThat(outcomes).singleElement().isEqualTo(new CallRecords.DialOutcome(CALL, "no-answer", "no-answer",
                false, Optional.of("CA22222222222222222222222222222222"), Optional.of(12L)));
    }

    @Test
    void aCallerWhoHungUpGetsAHangupAndTheTextForAGoneCaller() {
        assertThat(service.dialEnded(dial("+19045550200", "busy", "completed")).next()).isEqualTo(Next.HANG_UP);
        assertThat(texts).containsExactly(Occasion.NOT_ANSWERED_CALLER_GONE);
    }

    @Test
    void anAnsweredCallHangsUpWithoutAText() {
        assertThat(service.dialEnded(dial("+19045550200", "completed", "in-progress")).next()).isEqualTo(Next.HANG_UP);
        assertThat(texts).isEmpty();
        assertThat(outcomes.get(0).answered()).isTrue();
    }

    @Test
    void onAScreenedLineOnlyPressingOneCountsAsAnswered() {
        assertThat(service.dialEnded(dial(SCREENED_LINE, "completed", "in-progress")).next()).isEqualTo(Next.VOICEMAIL);
        assertThat(outcomes.get(0).outcome()).isEqualTo("not-accepted");
        assertThat(texts).containsExactly(Occasion.NOT_ANSWERED_CALLER_WAITING);

        screenAccepted = true;
        assertThat(service.dialEnded(dial(SCREENED_LINE, "completed", "in-progress")).next()).isEqualTo(Next.HANG_UP);
        assertThat(outcomes.get(1).outcome()).isEqualTo("answered");
        assertThat(texts).hasSize(1);
    }

    @Test
    void aScreenedCallWhoseAcceptanceCannotBeReadGoesToVoicemailWithoutAText() {
        tableOutage = new IllegalStateException("table unreachable");
        DialStatusService.DialDecision decision = service.dialEnded(dial(SCREENED_LINE, "completed", "in-progress"));
        assertThat(decision.next()).isEqualTo(Next.VOICEMAIL);
        assertThat(decision.line().number()).contains(SCREENED_LINE);
        assertThat(texts).isEmpty();
    }

    @Test
    void aStorageOutageNeverChangesWhatTheCallerHears() {
        tableOutage = new IllegalStateException("table unreachable");
        assertThat(service.dialEnded(dial("+19045550200", "no-answer", "in-progress")).next()).isEqualTo(Next.VOICEMAIL);
        assertThat(texts).containsExactly(Occasion.NOT_ANSWERED_CALLER_WAITING);
    }

    @Test
    void theEndOfAVoicemailIsRecordedAndAsksForTheMatchingText() {
        VoicemailResult left = service.voicemailEnded(CALL, "+19045550123", Optional.of("+19045550200"),
                VoicemailResult.of(Optional.of("RE1"), Optional.of("https://api.twilio.com/RE1"), Optional.of("23")));
        assertThat(left.left()).isTrue();
        VoicemailResult empty = service.voicemailEnded(CALL, "+19045550123", Optional.of("+19045550200"),
                VoicemailResult.of(Optional.empty(), Optional.empty(), Optional.empty()));
        assertThat(empty.left()).isFalse();
        assertThat(voicemails).containsExactly(CALL + " left RE1", CALL + " empty -");
        assertThat(texts).containsExactly(Occasion.VOICEMAIL_LEFT, Occasion.VOICEMAIL_EMPTY);
    }
}
