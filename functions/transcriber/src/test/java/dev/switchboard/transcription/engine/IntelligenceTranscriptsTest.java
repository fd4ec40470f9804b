package dev.switchboard.transcription.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.twilio.TwilioRestClients;
import dev.switchboard.transcription.TranscriptSentence;
import dev.switchboard.transcription.testing.FakeIntelligenceApi;
import dev.switchboard.transcription.testing.FakeIntelligenceApi.Sentence;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Reading finished transcripts and every page of their sentences. */
class IntelligenceTranscriptsTest {

    static final String CALL = "CA11111111111111111111111111111111";
    static final String RECORDING = "RE22222222222222222222222222222222";
    static final String TRANSCRIPT = "GT33333333333333333333333333333333";

    final FakeIntelligenceApi fake = new FakeIntelligenceApi();
    final IntelligenceTranscripts transcripts = new IntelligenceTranscripts(TwilioRestClients.create(Settings.of(Map.of(
            "TWILIO_ACCOUNT_SID", FakeIntelligenceApi.ACCOUNT_SID,
            "TWILIO_AUTH_TOKEN", "test-token",
            "TWILIO_INTELLIGENCE_BASE_URL", fake.baseUrl()))), Clock.systemUTC());

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void aTranscriptIsReadWithItsCustomerKeySourceRecordingAndLanguage() {
        fake.transcript(TRANSCRIPT, "completed", CALL, RECORDING, List.of(List.of()));
        IntelligenceTranscripts.Fetched fetched = transcripts.fetch(TRANSCRIPT);
        assertThat(fetched.completed()).isTrue();
        assertThat(fetched.customerKey()).contains(CALL);
        assertThat(fetched.sourceSid()).contains(RECORDING);
        assertThat(fetched.languageCode()).contains("en-US");
    }

    @Test
    void everyPageOfSentencesIsReadByFollowingNextPageUrl() {
        fake.transcript(TRANSCRIPT, "completed", CALL, RECORDING, List.of(
                List.of(new Sentence(1, "Hi, my name is Dave Miller.", 0.5, 2.25),
                        new Sentence(2, "Hi Dave, what can we do for you?", 2.5, 4.0)),
                List.of(new Sentence(1, "My brakes are squealing.", null, null))));

        List<TranscriptSentence> sentences = transcripts.sentences(TRANSCRIPT);

        assertThat(sentences).extracting(TranscriptSentence::text).containsExactly("Hi, my name is Dave Miller.",
                "Hi Dave, what can we do for you?", "My brakes are squealing.");
        assertThat(sentences).extracting(TranscriptSentence::channel).containsExactly(1, 2, 1);
        assertThat(sentences.get(0).startSeconds()).isEqualTo(0.5);
        assertThat(sentences.get(0).endSeconds()).isEqualTo(2.25);
        assertThat(sentences.get(2).startSeconds()).isNull();
        assertThat(fake.sentencePageRequests()).isEqualTo(2);
        assertThat(fake.server().findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching(".*/Sentences"))).get(0)
                .queryParameter("Redacted").firstValue()).isEqualTo("false");
    }

    @Test
    void anUnknownTranscriptIsPermanentAndAnOutageIsRetried() {
        fake.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/v2/Transcripts/" + TRANSCRIPT))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(404)
                        .withHeader("Content-Type", "application/json")
                        .withBody(FakeIntelligenceApi.error(404, 20404, "The requested resource was not found"))));
        assertThatThrownBy(() -> transcripts.fetch(TRANSCRIPT)).isInstanceOf(EngineFailure.class)
                .hasMessageContaining("20404");

        fake.server().resetAll();
        fake.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/v2/Transcripts/" + TRANSCRIPT))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(503)
                        .withHeader("Content-Type", "application/json")
                        .withBody(FakeIntelligenceApi.error(503, 20503, "Service unavailable"))));
        assertThatThrownBy(() -> transcripts.fetch(TRANSCRIPT)).isInstanceOf(
                dev.switchboard.shared.queue.RetryLater.class);
    }
}
