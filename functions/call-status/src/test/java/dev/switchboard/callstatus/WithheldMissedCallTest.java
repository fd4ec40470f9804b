package dev.switchboard.callstatus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.shared.calls.MissedCallTexts;
import dev.switchboard.shared.config.Lines;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.http.FormParameters;
import dev.switchboard.shared.jobs.AlertJob;
import dev.switchboard.shared.jobs.CrmSyncJob;
import dev.switchboard.shared.storage.CallRecord;
import dev.switchboard.shared.storage.CallRecords.StatusUpdate;
import dev.switchboard.shared.storage.OnceOnly;
import dev.switchboard.shared.testing.InMemoryOnceMarkers;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A missed call from a withheld number is alerted (without a number), and is still no CRM lead. */
class WithheldMissedCallTest {

    static final String CALL = "CA11111111111111111111111111111111";
    static final String LINE = "+19045550200";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T20:02:00Z"), ZoneOffset.UTC);

    final List<CrmSyncJob> crmJobs = new ArrayList<>();
    final List<AlertJob> alerts = new ArrayList<>();
    CallRecord record;

    final CallStatusService service = new CallStatusService(new CallStatusStore() {
        @Override
        public boolean applyStatus(StatusUpdate update, Instant now) {
            return true;
        }

        @Override
        public Optional<CallRecord> find(String callSid) {
            return Optional.ofNullable(record);
        }
    }, Lines.load(Settings.of(Map.of("TWILIO_FORWARD_TO", "+19045550177", "TWILIO_SMS_FROM", LINE))),
            new OnceOnly(new InMemoryOnceMarkers(CLOCK)), crmJobs::add,
            (line, callSid, caller, occasion, now) -> new MissedCallTexts.Outcome(Optional.empty(), Optional.empty(), "none"),
            CLOCK, "+19045550177"::equals, alerts::add);

    @ParameterizedTest
    @ValueSource(strings = {"anonymous", "Anonymous", "Restricted", "+266696687", "+7378742833", "+2562533",
            "+86282452253", ""})
    void aMissedCallFromAWithheldNumberIsAlertedWithoutANumber(String from) {
        record = new CallRecord(CALL, Optional.of(from), Optional.of(LINE), Optional.of(LINE),
                Optional.of("2026-11-22T20:00:00Z"), Optional.of("in-progress"), Optional.of("inbound"),
                Optional.of("forwarded"), Optional.empty(), Optional.empty(), Optional.empty(), false, false, false);
        service.statusChanged(StatusCallback.parse(FormParameters.parse("CallSid=" + CALL
                + "&CallStatus=no-answer&From=anonymous&To=%2B19045550200&Direction=inbound&SequenceNumber=3")));

        assertThat(alerts).singleElement().isInstanceOfSatisfying(AlertJob.MissedCall.class, job -> {
            job.validate();
            assertThat(job.withheld()).isTrue();
            assertThat(job.callSid()).isEqualTo(CALL);
            assertThat(job.line()).isEqualTo(LINE);
            assertThat(job.occurredAt()).isEqualTo("2026-11-22T20:00:00Z");
        });
        assertThat(crmJobs).isEmpty();
    }
}
