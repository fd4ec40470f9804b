package dev.switchboard.transcription;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Speakers from channels, the readable text, the excerpt and the S3 keys. */
class TranscriptRenderingTest {

    static TranscriptSentence s(int index, Integer channel, String text) {
        return new TranscriptSentence(index, channel, null, null, null, text, null);
    }

    @Test
    void aDualChannelCallHasTheCallerOnChannelOneAndTheBusinessOnChannelTwo() {
        List<TranscriptSentence> sentences = SpeakerRoles.assign(List.of(s(0, 2, "Mechanic, this is Mike."),
                s(1, 1, "Hi Mike."), s(2, 1, "My brakes squeal.")), 2, "call");
        assertThat(sentences).extracting(TranscriptSentence::speaker)
                .containsExactly(Speaker.BUSINESS, Speaker.CALLER, Speaker.CALLER);
    }

    @Test
    void zeroBasedChannelsAreRecognised() {
        assertThat(SpeakerRoles.assign(List.of(s(0, 0, "a"), s(1, 1, "b")), 2, "call"))
                .extracting(TranscriptSentence::speaker).containsExactly(Speaker.CALLER, Speaker.BUSINESS);
    }

    @Test
    void aVoicemailIsTheCallerAndAMonoCallIsUnknown() {
        assertThat(SpeakerRoles.assign(List.of(s(0, null, "a")), 1, "voicemail"))
                .extracting(TranscriptSentence::speaker).containsExactly(Speaker.CALLER);
        assertThat(SpeakerRoles.assign(List.of(s(0, null, "a")), 2, "call"))
                .extracting(TranscriptSentence::speaker).containsExactly(Speaker.UNKNOWN);
        assertThat(SpeakerRoles.assign(List.of(s(0, 1, "a")), 1, "call"))
                .extracting(TranscriptSentence::speaker).containsExactly(Speaker.UNKNOWN);
    }

    @Test
    void theTextHasOneLabelledLinePerTurn() {
        List<TranscriptSentence> sentences = SpeakerRoles.assign(List.of(s(0, 2, "Mechanic, this is Mike."),
                s(1, 1, "Hi Mike."), s(2, 1, "My brakes squeal."), s(3, 2, "We can fix that.")), 2, "call");
        assertThat(TranscriptRenderer.text(sentences)).isEqualTo("""
                Business: Mechanic, this is Mike.
                Caller: Hi Mike. My brakes squeal.
                Business: We can fix that.
                """);
        List<TranscriptSentence> unknown = SpeakerRoles.assign(List.of(s(0, null, "One."), s(1, null, "Two.")), null, "call");
        assertThat(TranscriptRenderer.text(unknown)).isEqualTo("One.\nTwo.\n");
        assertThat(TranscriptRenderer.text(List.of())).isEmpty();
    }

    @Test
    void theExcerptIsOneLineCutAtAWord() {
        String longText = "Caller: " + "word ".repeat(100) + "\nBusiness: more";
        String excerpt = TranscriptRenderer.excerpt(longText);
        assertThat(excerpt).hasSizeLessThanOrEqualTo(TranscriptRenderer.EXCERPT_CHARS).endsWith("word…")
                .doesNotContain("\n").startsWith("Caller: word word");
        assertThat(TranscriptRenderer.excerpt("Caller: Hi.\nBusiness: Hello.\n")).isEqualTo("Caller: Hi. Business: Hello.");
    }

    @Test
    void transcriptsAreKeyedLikeTheirRecording() {
        TranscriptKeys keys = TranscriptKeys.of("CA1", "RE1", "recordings/2026/11/21/CA1/RE1.mp3",
                Instant.parse("2026-11-22T00:30:00Z"));
        assertThat(keys.json()).isEqualTo("transcripts/2026/11/21/CA1/RE1.json");
        assertThat(keys.text()).isEqualTo("transcripts/2026/11/21/CA1/RE1.txt");
        assertThat(TranscriptKeys.of("CA1", "RE1", null, Instant.parse("2026-11-22T00:30:00Z")).json())
                .isEqualTo("transcripts/2026/11/22/CA1/RE1.json");
    }
}
