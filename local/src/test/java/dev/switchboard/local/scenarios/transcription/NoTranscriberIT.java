package dev.switchboard.local.scenarios.transcription;

import static dev.switchboard.local.scenarios.transcription.TranscriptionStack.s;
import static dev.switchboard.local.scenarios.transcription.TranscriptionStack.sid;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@code TRANSCRIBER=none}: nothing is transcribed, and the call still flows to the CRM. */
class NoTranscriberIT {

    static TranscriptionStack env;

    @BeforeAll
    static void start() {
        env = new TranscriptionStack("none");
    }

    @AfterAll
    static void stop() {
        if (env != null) {
            env.close();
        }
    }

    @Test
    void theRecordingIsSkippedAndTheCallStillGoesToTheCrmOnce() throws Exception {
        String call = sid("CA", 0x801);
        String recording = sid("RE", 0x801);
        var job = env.archive(call, recording, new byte[1024], 1, "voicemail", false, null, "+19045550141");

        Map<String, AttributeValue> skipped = env.awaitStatus(recording, "skipped");
        assertThat(s(skipped, "transcriptSkippedReason")).contains("TRANSCRIBER=none");
        assertThat(env.crmJobsFor(recording)).singleElement().satisfies(lead -> {
            assertThat(lead.kind()).isEqualTo("transcript");
            assertThat(lead.phone()).isEqualTo("+19045550141");
            assertThat(lead.transcriptExcerpt()).isNull();
            assertThat(lead.name()).isNull();
        });
        assertThat(env.intelligence.createRequests()).isEmpty();
        assertThat(env.whisper.requests()).isEmpty();

        env.send(job);
        env.awaitTranscriptionQueueEmpty();
        assertThat(env.crmJobsFor(recording)).hasSize(1);
    }
}
