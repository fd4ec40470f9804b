package dev.switchboard.voice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.shared.calls.MissedCallTextPolicy.Occasion;
import dev.switchboard.shared.calls.MissedCallTexts;
import dev.switchboard.shared.config.Line;
import dev.switchboard.shared.config.Lines;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.storage.CallRecords.IncomingCall;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What happens once a call is answered, with the call log and the texts in memory. */
class IncomingCallServiceTest {

    static final Instant NOW = Instant.parse("2026-11-23T23:00:00Z");

    final List<IncomingCall> recorded = new ArrayList<>();
    final List<Occasion> texts = new ArrayList<>();
    int textPipelinesBuilt;
    RuntimeException tableOutage;
    final Line line = Lines.load(Settings.of(Map.of("TWILIO_FORWARD_TO", "+19045550177"))).fallback();

    final IncomingCallService service = new IncomingCallService((call, now) -> {
        if (tableOutage != null) {
            throw tableOutage;
        }
        recorded.add(call);
    }, () -> {
        textPipelinesBuilt++;
        return Optional.<MissedCallTexts>of((l, callSid, caller, occasion, now) -> {
            texts.add(occasion);
            return new MissedCallTexts.Outcome(Optional.empty(), Optional.empty(), "sent");
        });
    }, Clock.fixed(NOW, ZoneOffset.UTC));

    static IncomingCall call(String route) {
        return new IncomingCall("CA1", Optional.of("+19045550123"), Optional.of("+19045550200"),
                Optional.of("default"), Optional.of("inbound"), Optional.of("ringing"), Optional.empty(),
                Optional.of(route));
    }

    @Test
    void aForwardedCallIsRecordedWithoutEverBuildingTheTextPipeline() {
        service.answered(call("forwarded"), line, CallRouter.Route.FORWARD, NOW);
        assertThat(recorded).containsExactly(call("forwarded"));
        assertThat(texts).isEmpty();
        assertThat(textPipelinesBuilt).isZero();
    }

    @Test
    void aCallSentStraightToVoicemailIsAMissedCallAlready() {
        service.answered(call("after-hours"), line, CallRouter.Route.AFTER_HOURS, NOW);
        service.answered(call("no-forward-number"), line, CallRouter.Route.NO_FORWARD_NUMBER, NOW);
        assertThat(texts).containsExactly(Occasion.STRAIGHT_TO_VOICEMAIL, Occasion.STRAIGHT_TO_VOICEMAIL);
    }

    @Test
    void neitherARecordThatCannotBeWrittenNorATextPipelineThatCannotBeBuiltStopsTheOther() {
        tableOutage = new IllegalStateException("table unreachable");
        service.answered(call("after-hours"), line, CallRouter.Route.AFTER_HOURS, NOW);
        assertThat(texts).containsExactly(Occasion.STRAIGHT_TO_VOICEMAIL);

        tableOutage = null;
        IncomingCallService noTexts = new IncomingCallService((call, now) -> recorded.add(call),
                () -> {
                    throw new IllegalStateException("SMS_QUEUE_URL unreachable");
                }, Clock.fixed(NOW, ZoneOffset.UTC));
        noTexts.answered(call("after-hours"), line, CallRouter.Route.AFTER_HOURS, NOW);
        assertThat(recorded).hasSize(1);
    }
}
