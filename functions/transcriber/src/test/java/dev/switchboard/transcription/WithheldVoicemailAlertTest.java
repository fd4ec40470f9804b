package dev.switchboard.transcription;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.shared.jobs.AlertJob;
import dev.switchboard.shared.jobs.CrmSyncJob;
import dev.switchboard.shared.jobs.TranscriptionJob;
import dev.switchboard.shared.pricing.PriceTable;
import dev.switchboard.shared.storage.OnceOnly;
import dev.switchboard.shared.testing.InMemoryOnceMarkers;
import dev.switchboard.transcription.extract.ExtractedField;
import dev.switchboard.transcription.extract.Extraction;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * A voicemail whose caller withheld their number and said none is no CRM lead, but staff still hear of it:
 * an alert job with no customer (so no reply tag), carrying what was heard.
 */
class WithheldVoicemailAlertTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T20:05:00Z"), ZoneOffset.UTC);

    final List<CrmSyncJob> crm = new ArrayList<>();
    final List<AlertJob> alerts = new ArrayList<>();
    final LeadHandoff handoff = new LeadHandoff(crm::add, alerts::add, "+19045550177"::equals,
            new OnceOnly(new InMemoryOnceMarkers(CLOCK)), PriceTable::defaults, "https://phone.example.com", CLOCK);

    static TranscriptionJob.Transcribe call(String from, String kind) {
        return new TranscriptionJob.Transcribe(LeadHandoffTest.CALL, LeadHandoffTest.RECORDING, "bucket", "k.mp3",
                "audio/mpeg", 1000L, 1, 35, false, from, "+19045550200", "+19045550200", kind, "2026-11-22T20:01:00Z");
    }

    static Extraction heardNoNumber() {
        String s = "This is Dave, my 2014 Honda Civic needs brake pads.";
        return new Extraction(Optional.of(new ExtractedField("Dave", s)), Optional.empty(),
                Optional.of(new ExtractedField("2014", s)), Optional.of(new ExtractedField("Honda", s)),
                Optional.of(new ExtractedField("Civic", s)), Optional.of(new ExtractedField("brake pads", s)), List.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {"anonymous", "Anonymous", "Restricted", "+266696687", "+7378742833", "+2562533",
            "+86282452253", ""})
    void aWithheldVoicemailIsAlertedWithoutACustomerButWithWhatWasHeard(String from) {
        handoff.send(call(from, "voicemail"), Optional.of("Caller: This is Dave..."), Optional.of("Caller: This is Dave,"
                + " my 2014 Honda Civic needs brake pads."), heardNoNumber(), "2026-11-22T20:00:00Z");

        assertThat(crm).isEmpty();
        assertThat(alerts).singleElement().isInstanceOfSatisfying(AlertJob.Voicemail.class, v -> {
            v.validate();
            assertThat(v.withheld()).isTrue();
            assertThat(v.customer()).isNull();
            assertThat(v.recordingSid()).isEqualTo(LeadHandoffTest.RECORDING);
            assertThat(v.line()).isEqualTo("+19045550200");
            assertThat(v.trigger()).isEqualTo(AlertJob.Trigger.transcript);
            assertThat(v.name()).isEqualTo("Dave");
            assertThat(v.vehicle()).isEqualTo("2014 Honda Civic");
            assertThat(v.service()).isEqualTo("brake pads");
            assertThat(v.transcriptExcerpt()).isEqualTo("Caller: This is Dave...");
            assertThat(v.transcript()).contains("brake pads");
            assertThat(v.durationSeconds()).isEqualTo(35);
        });
    }

    @Test
    void withoutTranscriptionOrWhenItFailsTheAlertStillGoes() {
        handoff.send(call("anonymous", "voicemail"), Optional.empty(), Extraction.empty(), "2026-11-22T20:00:00Z");
        handoff.failed(call("anonymous", "voicemail"), "2026-11-22T20:00:00Z");

        assertThat(alerts).extracting(a -> ((AlertJob.Voicemail) a).trigger())
                .containsExactly(AlertJob.Trigger.untranscribed, AlertJob.Trigger.failed);
        assertThat(alerts).allSatisfy(a -> assertThat(((AlertJob.Voicemail) a).withheld()).isTrue());
        assertThat(crm).isEmpty();
    }

    @Test
    void aNumberHeardInTheVoicemailIsTheCustomerAsBefore() {
        handoff.send(call("anonymous", "voicemail"), Optional.of("x"), LeadHandoffTest.extraction(), "2026-11-22T20:00:00Z");
        assertThat(alerts).singleElement().satisfies(a -> assertThat(((AlertJob.Voicemail) a).customer())
                .isEqualTo("+19045550142"));
        assertThat(crm).hasSize(1);
    }

    @Test
    void aWithheldConversationIsNoAlert() {
        handoff.send(call("anonymous", "conversation"), Optional.of("x"), heardNoNumber(), "2026-11-22T20:00:00Z");
        assertThat(alerts).isEmpty();
    }
}
