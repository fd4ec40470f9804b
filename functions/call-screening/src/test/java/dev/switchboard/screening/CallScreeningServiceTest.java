package dev.switchboard.screening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.shared.config.Lines;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.storage.CallRecord;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Who the whisper names and what a press of 1 records, with the call records in memory. */
class CallScreeningServiceTest {

    static final String PARENT = "CA11111111111111111111111111111111";
    static final String LEG = "CA22222222222222222222222222222222";
    static final String NIGHT_LINE = "+19045550300";

    final Lines lines = Lines.load(Settings.of(Map.of("TWILIO_FORWARD_TO", "+19045550177",
            "TWILIO_CALLER_ID", "+19045550200", "BUSINESS_NAME", "Mechanic St. Augustine",
            "LINES", "{\"" + NIGHT_LINE + "\": {\"businessName\": \"Night Line\", \"screen\": true}}")));
    final List<String> accepted = new ArrayList<>();

    final CallScreeningService service = new CallScreeningService(lines, new CallScreeningService.ScreeningCalls() {
        @Override
        public Optional<CallRecord> find(String callSid) {
            return Optional.of(new CallRecord(callSid, Optional.of("+19045550123"), Optional.of(NIGHT_LINE),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), false, false, false));
        }

        @Override
        public void recordScreenAccepted(String parentCallSid, String ownerLegSid, Instant now) {
            accepted.add(parentCallSid + " by " + ownerLegSid + " at " + now);
        }
    }, Clock.fixed(Instant.parse("2026-11-23T15:00:00Z"), ZoneOffset.UTC));

    @Test
    void theWhisperNamesTheCallerOfTheParentCallForItsLine() {
        CallScreeningService.Whisper whisper = service.ownerAnswered(LEG, Optional.of(PARENT), Optional.of("+19045550200"));
        assertThat(whisper.caller()).contains("+19045550123");
        assertThat(whisper.line().businessName()).isEqualTo("Night Line");
    }

    @Test
    void withoutAParentTheBusinesssOwnCallerIdIsNeverAnnounced() {
        assertThat(service.ownerAnswered(LEG, Optional.empty(), Optional.of("+19045550200")).caller()).isEmpty();
        assertThat(service.ownerAnswered(LEG, Optional.empty(), Optional.of("+19045550123")).caller())
                .contains("+19045550123");
    }

    @Test
    void onlyPressingOneConnectsAndIsRecordedOnTheCallersCall() {
        assertThat(service.ownerChose(LEG, Optional.of(PARENT), Optional.of("2"))).isFalse();
        assertThat(service.ownerChose(LEG, Optional.of(PARENT), Optional.empty())).isFalse();
        assertThat(accepted).isEmpty();
        assertThat(service.ownerChose(LEG, Optional.of(PARENT), Optional.of("1"))).isTrue();
        assertThat(accepted).containsExactly(PARENT + " by " + LEG + " at 2026-11-23T15:00:00Z");
        assertThat(service.ownerChose(LEG, Optional.empty(), Optional.of("1"))).as("connects, nothing to record").isTrue();
        assertThat(accepted).hasSize(1);
    }
}
