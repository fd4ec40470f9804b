package dev.switchboard.callstatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.shared.http.FormParameters;
import dev.switchboard.shared.http.HttpProblem;
import dev.switchboard.shared.storage.CallRecords.StatusUpdate;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StatusCallbackTest {

    static FormParameters form(String body) {
        return FormParameters.parse(body);
    }

    @Test
    void readsSequenceTimestampAndDuration() {
        StatusUpdate update = StatusCallback.parse(form("CallSid=CA1&CallStatus=completed&SequenceNumber=3"
                + "&Timestamp=Sun%2C+22+Nov+2026+20%3A01%3A35+%2B0000&CallDuration=95&Direction=inbound"));
        assertThat(update.isFinal()).isTrue();
        assertThat(update.sequenceNumber()).contains(3L);
        assertThat(update.timestamp()).contains(Instant.parse("2026-11-22T20:01:35Z"));
        assertThat(update.durationSeconds()).contains(95L);
        assertThat(StatusCallback.isInboundParent(update)).isTrue();
    }

    @Test
    void onlyTheFiveEndStatusesAreFinal() {
        for (String status : new String[] {"completed", "busy", "failed", "no-answer", "canceled"}) {
            assertThat(StatusCallback.parse(form("CallSid=CA1&CallStatus=" + status)).isFinal()).as(status).isTrue();
        }
        for (String status : new String[] {"queued", "initiated", "ringing", "in-progress"}) {
            assertThat(StatusCallback.parse(form("CallSid=CA1&CallStatus=" + status)).isFinal()).as(status).isFalse();
        }
    }

    @Test
    void theOwnersLegAndOutboundCallsAreNotTheCallersCall() {
        assertThat(StatusCallback.isInboundParent(StatusCallback.parse(
                form("CallSid=CA2&ParentCallSid=CA1&CallStatus=completed&Direction=outbound-dial")))).isFalse();
        assertThat(StatusCallback.isInboundParent(StatusCallback.parse(
                form("CallSid=CA3&CallStatus=completed&Direction=outbound-api")))).isFalse();
    }

    @Test
    void malformedNumbersAndDatesAre400() {
        assertThatThrownBy(() -> StatusCallback.parse(form("CallSid=CA1&CallStatus=ringing&SequenceNumber=x")))
                .isInstanceOf(HttpProblem.class).hasMessageContaining("SequenceNumber");
        assertThatThrownBy(() -> StatusCallback.parse(form("CallSid=CA1&CallStatus=ringing&Timestamp=yesterday")))
                .isInstanceOf(HttpProblem.class).hasMessageContaining("Timestamp");
        assertThatThrownBy(() -> StatusCallback.parse(form("CallSid=CA1&CallStatus=completed&CallDuration=-4")))
                .isInstanceOf(HttpProblem.class).hasMessageContaining("CallDuration");
        assertThatThrownBy(() -> StatusCallback.parse(form("CallSid=CA1")))
                .isInstanceOf(HttpProblem.class).hasMessageContaining("CallStatus");
    }

    @Test
    void outcomes() {
        assertThat(CallOutcome.of(true, true)).isEqualTo(CallOutcome.ANSWERED);
        assertThat(CallOutcome.of(false, true)).isEqualTo(CallOutcome.VOICEMAIL);
        assertThat(CallOutcome.of(false, false)).isEqualTo(CallOutcome.MISSED);
        assertThat(CallOutcome.MISSED.label()).isEqualTo("missed");
    }
}
