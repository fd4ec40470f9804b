package dev.switchboard.transcription;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.shared.jobs.CrmSyncJob;
import dev.switchboard.shared.jobs.TranscriptionJob;
import dev.switchboard.shared.pricing.PriceTable;
import dev.switchboard.transcription.extract.ExtractedField;
import dev.switchboard.transcription.extract.Extraction;
import java.time.Year;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The CRM job a transcript becomes: priced by the same table as a web quote. */
class LeadHandoffTest {

    static final String CALL = "CA11111111111111111111111111111111";
    static final String RECORDING = "RE22222222222222222222222222222222";

    static TranscriptionJob.Transcribe job(String from) {
        return new TranscriptionJob.Transcribe(CALL, RECORDING, "bucket", "recordings/2026/11/22/x.mp3", "audio/mpeg",
                1000L, 1, 35, false, from, "+19045550200", "+19045550200", "voicemail", "2026-11-22T20:01:00Z");
    }

    static Extraction extraction() {
        String s1 = "Hi, my name is Dave Miller.";
        String s2 = "I've got a 2014 Honda Civic and I need new brake pads.";
        return new Extraction(Optional.of(new ExtractedField("Dave Miller", s1)),
                Optional.of(new ExtractedField("+19045550142", "Call me at 904-555-0142.")),
                Optional.of(new ExtractedField("2014", s2)), Optional.of(new ExtractedField("Honda", s2)),
                Optional.of(new ExtractedField("Civic", s2)), Optional.of(new ExtractedField("brake pads", s2)),
                List.of(new ExtractedField("tow", "I need a tow.")));
    }

    @Test
    void theJobCarriesTheCallTheFieldsTheEvidenceAndTheEstimate() {
        CrmSyncJob.Transcript job = LeadHandoff.build(job("+19045550123"), Optional.of("Caller: Hi, my name is Dave Miller."),
                extraction(), "2026-11-22T20:00:00Z", PriceTable.defaults(), Year.of(2026), "https://phone.example.com")
                .orElseThrow();
        job.validate();
        assertThat(job.kind()).isEqualTo("transcript");
        assertThat(job.idempotencyKey()).isEqualTo("transcript:" + CALL + ":" + RECORDING);
        assertThat(job.phone()).isEqualTo("+19045550123");
        assertThat(job.line()).isEqualTo("+19045550200");
        assertThat(job.callSid()).isEqualTo(CALL);
        assertThat(job.recordingSid()).isEqualTo(RECORDING);
        assertThat(job.recordingLink()).isEqualTo("https://phone.example.com/recordings/" + RECORDING);
        assertThat(job.transcriptExcerpt()).isEqualTo("Caller: Hi, my name is Dave Miller.");
        assertThat(job.name()).isEqualTo("Dave Miller");
        assertThat(job.vehicle()).isEqualTo(new CrmSyncJob.Vehicle("2014", "Honda", "Civic", null));
        assertThat(job.service()).isEqualTo("brake pads");
        assertThat(job.estimate()).isEqualTo(new CrmSyncJob.Estimate("150.00", "USD", "brake pads"));
        assertThat(job.urgency()).containsExactly("tow");
        assertThat(job.evidence()).containsEntry("name", "Hi, my name is Dave Miller.")
                .containsEntry("service", "I've got a 2014 Honda Civic and I need new brake pads.")
                .containsEntry("urgency", "I need a tow.");
        assertThat(job.notes()).contains("+19045550142");
        assertThat(job.callOutcome()).isEqualTo("voicemail");
        assertThat(job.durationSeconds()).isEqualTo(35);
        assertThat(job.occurredAt()).isEqualTo("2026-11-22T20:00:00Z");
    }

    @Test
    void anOldVehicleIsPricedWithTheAgeSurchargeLikeAWebQuote() {
        String s = "It's a 1999 Honda Civic, I need brake pads.";
        Extraction old = new Extraction(Optional.empty(), Optional.empty(), Optional.of(new ExtractedField("1999", s)),
                Optional.of(new ExtractedField("Honda", s)), Optional.of(new ExtractedField("Civic", s)),
                Optional.of(new ExtractedField("brake pads", s)), List.of());
        CrmSyncJob.Transcript job = LeadHandoff.build(job("+19045550123"), Optional.empty(), old, "t", PriceTable.defaults(),
                Year.of(2026), "https://x").orElseThrow();
        assertThat(job.estimate().amount()).isEqualTo(PriceTable.defaults()
                .estimate("brake pads", 1999, null, Year.of(2026)).amountText().orElseThrow());
        assertThat(job.estimate().amount()).isNotEqualTo("150.00");
    }

    @Test
    void withoutATranscriptTheCallStillGoesToTheCrm() {
        CrmSyncJob.Transcript job = LeadHandoff.build(job("+19045550123"), Optional.empty(), Extraction.empty(), "t",
                PriceTable.defaults(), Year.of(2026), "https://x").orElseThrow();
        job.validate();
        assertThat(job.transcriptExcerpt()).isNull();
        assertThat(job.name()).isNull();
        assertThat(job.estimate()).isNull();
        assertThat(job.evidence()).isNull();
        assertThat(job.urgency()).isNull();
    }

    @Test
    void aWithheldCallerIdUsesTheNumberSaidInTheCallOrGivesNoLead() {
        CrmSyncJob.Transcript job = LeadHandoff.build(job("+266696687"), Optional.empty(), extraction(), "t",
                PriceTable.defaults(), Year.of(2026), "https://x").orElseThrow();
        assertThat(job.phone()).isEqualTo("+19045550142");
        assertThat(job.notes()).contains("withheld");
        assertThat(LeadHandoff.build(job("anonymous"), Optional.empty(), Extraction.empty(), "t",
                PriceTable.defaults(), Year.of(2026), "https://x")).isEmpty();
    }
}
