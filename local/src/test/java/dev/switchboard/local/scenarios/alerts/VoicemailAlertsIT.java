package dev.switchboard.local.scenarios.alerts;

import static dev.switchboard.local.scenarios.alerts.AlertStack.HELPER;
import static dev.switchboard.local.scenarios.alerts.AlertStack.LINE;
import static dev.switchboard.local.scenarios.alerts.AlertStack.OWNER;
import static dev.switchboard.local.scenarios.alerts.AlertStack.awaitAtLeast;
import static dev.switchboard.local.scenarios.alerts.AlertStack.newPhone;
import static dev.switchboard.local.scenarios.alerts.AlertStack.newSid;
import static dev.switchboard.local.scenarios.alerts.AlertStack.s;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.fakes.ses.FakeSes;
import dev.switchboard.transcription.testing.FakeWhisperApi;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A voicemail end to end: the call, the recording callback, the archive worker streaming the media from the
 * Twilio sandbox, Whisper (faked) transcribing, and exactly one alert per staff member with what was heard.
 * The deadline is long here (60 s), so the transcript always wins; {@link VoicemailDeadlineIT} is the slow case.
 */
class VoicemailAlertsIT {

    static final FakeWhisperApi WHISPER = new FakeWhisperApi();
    static AlertStack env;

    @BeforeAll
    static void start() {
        env = AlertStack.start(Map.of("TRANSCRIBER", "openai-whisper", "OPENAI_BASE_URL", WHISPER.baseUrl(),
                        "OPENAI_API_KEY", "sk-local-test-key", "VOICEMAIL_ALERT_DEADLINE_SECONDS", "60"),
                List.of("IncomingCallFunction", "RecordingStatusFunction", "RecordingArchiverFunction",
                        "TranscriberFunction", "OwnerAlertsFunction", "SmsSenderFunction"));
    }

    @AfterAll
    static void stop() {
        try {
            if (env != null) {
                env.close();
            }
        } finally {
            WHISPER.close();
        }
    }

    @Test
    void aTranscribedVoicemailIsAlertedOnceWithNameVehicleServiceAndTheTranscriptsStart() {
        WHISPER.transcribes("en", List.of(new FakeWhisperApi.Segment(0, 6,
                "Hi, this is Dave Miller. My 2015 Honda Civic needs new brake pads, they are grinding."),
                new FakeWhisperApi.Segment(6, 9, "Please call me back today. Thanks.")));
        String caller = newPhone();
        String callSid = newSid("CA");
        String recordingSid = newSid("RE");
        env.voicemail(callSid, recordingSid, caller);

        String human = "+1 904-555-" + caller.substring(8);
        List<Map<String, Object>> alerts = awaitAtLeast("the owner's voicemail alert", 1,
                () -> env.textsTo(OWNER, human));
        assertThat(alerts).singleElement().satisfies(alert -> {
            String body = String.valueOf(alert.get("body"));
            assertThat(body).matches("#[2-9A-Z]{2,3} Voicemail 0:\\d\\d from Dave Miller " + Pattern.quote(human) + " - .*");
            assertThat(body).containsIgnoringCase("Honda").containsIgnoringCase("Civic").containsIgnoringCase("brake")
                    .contains("\"Hi, this is Dave Miller").endsWith("/inbox/c/" + caller);
            assertThat(alert.get("from")).isEqualTo(LINE);
        });
        assertThat(awaitAtLeast("the helper's alert", 1, () -> env.textsTo(HELPER, human))).hasSize(1);
        List<FakeSes.Email> emails = awaitAtLeast("the e-mail", 1, () -> env.emailsAbout("Please call me back today"));
        assertThat(emails).singleElement().satisfies(email -> {
            assertThat(email.subject()).contains("Voicemail from Dave Miller");
            assertThat(email.text()).contains("Transcript:").contains("brake pads, they are grinding")
                    .contains("Please call me back today");
        });

        // Everything settles (the transcript's job, and no second alert from anything redelivered).
        AlertStack.await("the transcript", 60, () -> env.item("REC#" + recordingSid, "REC")
                .filter(r -> "completed".equals(s(r, "transcriptStatus"))));
        env.awaitQueueEmpty("TranscriptionQueue");
        assertThat(env.textsTo(OWNER, human)).hasSize(1);
        assertThat(env.item("CONTACT#" + caller, "PROFILE")).hasValueSatisfying(p ->
                assertThat(s(p, "name")).isEqualTo("Dave Miller"));
    }

    @Test
    void whenTranscriptionFailsTheAlertGoesOutOnceWithoutATranscript() {
        WHISPER.failsNext(1, 400, "invalid_request_error", "invalid_file", "The audio could not be decoded", null);
        String caller = newPhone();
        String recordingSid = newSid("RE");
        env.voicemail(newSid("CA"), recordingSid, caller);
        String human = "+1 904-555-" + caller.substring(8);
        List<Map<String, Object>> alerts = awaitAtLeast("the owner's voicemail alert", 1,
                () -> env.textsTo(OWNER, human));
        assertThat(String.valueOf(alerts.get(0).get("body"))).matches("#[2-9A-Z]{2,3} Voicemail 0:\\d\\d from "
                + Pattern.quote(human) + " \\(no transcript: transcription failed\\) .*/inbox/c/" + Pattern.quote(caller));
        AlertStack.await("the transcript to fail", 60, () -> env.item("REC#" + recordingSid, "REC")
                .filter(r -> "failed".equals(s(r, "transcriptStatus"))));
        env.awaitQueueEmpty("AlertQueue");
        assertThat(env.textsTo(OWNER, human)).hasSize(1);
    }
}
