package dev.switchboard.local.scenarios.alerts;

import static dev.switchboard.local.scenarios.alerts.AlertStack.HELPER;
import static dev.switchboard.local.scenarios.alerts.AlertStack.LINE;
import static dev.switchboard.local.scenarios.alerts.AlertStack.OWNER;
import static dev.switchboard.local.scenarios.alerts.AlertStack.awaitAtLeast;
import static dev.switchboard.local.scenarios.alerts.AlertStack.newPhone;
import static dev.switchboard.local.scenarios.alerts.AlertStack.newSid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.shared.jobs.AlertJob;
import dev.switchboard.shared.queue.JobQueue;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A transcript too slow: the transcriber is not running here, so the archived voicemail's transcription job
 * waits; the archiver's deadline job (3 s here instead of 150 s) alerts staff with "transcript to follow", and
 * the transcript's own alert job, when it finally comes, sends nothing more. For a withheld caller the same,
 * without a reply tag, even when the late transcript names a number heard in the voicemail.
 */
class VoicemailDeadlineIT {

    static AlertStack env;

    @BeforeAll
    static void start() {
        env = AlertStack.start(Map.of("VOICEMAIL_ALERT_DEADLINE_SECONDS", "3"),
                List.of("IncomingCallFunction", "RecordingStatusFunction", "RecordingArchiverFunction",
                        "OwnerAlertsFunction", "SmsSenderFunction"));
    }

    @AfterAll
    static void stop() {
        if (env != null) {
            env.close();
        }
    }

    @Test
    void theDeadlineAlertsOnceAndTheLateTranscriptSendsNothingMore() {
        String caller = newPhone();
        String callSid = newSid("CA");
        String recordingSid = newSid("RE");
        env.voicemail(callSid, recordingSid, caller);

        String human = "+1 904-555-" + caller.substring(8);
        List<Map<String, Object>> alerts = awaitAtLeast("the deadline's alert", 1, () -> env.textsTo(OWNER, human));
        assertThat(String.valueOf(alerts.get(0).get("body"))).matches("#[2-9A-Z]{2,3} Voicemail 0:\\d\\d from "
                + Pattern.quote(human) + " \\(transcript to follow\\) .*/inbox/c/" + Pattern.quote(caller));
        assertThat(awaitAtLeast("the helper's alert", 1, () -> env.textsTo(HELPER, human))).hasSize(1);
        assertThat(env.drain("TranscriptionQueue")).as("the transcript is still to come")
                .anyMatch(m -> m.body().contains(recordingSid));

        // The transcript arrives after all: the transcriber's alert job changes nothing.
        new JobQueue(env.stack.emulators().sqs(), env.stack.resources().queueUrl("AlertQueue")).send(
                new AlertJob.Voicemail(callSid, recordingSid, caller, LINE, Instant.now().toString(), 42,
                        AlertJob.Trigger.transcript, "Dave", null, "brakes", "Hi, this is Dave", "Hi, this is Dave"));
        env.awaitQueueEmpty("AlertQueue");
        assertThat(env.textsTo(OWNER, human)).hasSize(1);
        assertThat(env.textsTo(HELPER, human)).hasSize(1);
        assertThat(env.emailsAbout(human.substring(3))).hasSize(1);
    }

    @Test
    void theDeadlineAlertsOnceWithoutATagAndTheLateTranscriptSendsNothingMore() {
        String callSid = newSid("CA");
        String recordingSid = newSid("RE");
        env.voicemail(callSid, recordingSid, "anonymous");

        List<Map<String, Object>> alerts = awaitAtLeast("the deadline's alert", 1, () -> env.textsTo(OWNER, recordingSid));
        assertThat(alerts).singleElement().satisfies(alert -> assertThat(String.valueOf(alert.get("body")))
                .matches("Voicemail from a withheld number, 0:\\d\\d \\(transcript to follow\\) \\(cannot be answered by"
                        + " reply\\) .*/recordings/" + recordingSid));
        assertThat(awaitAtLeast("the helper's alert", 1, () -> env.textsTo(HELPER, recordingSid))).hasSize(1);

        // The transcript arrives after all, naming a number heard in the call: still the same voicemail.
        new JobQueue(env.stack.emulators().sqs(), env.stack.resources().queueUrl("AlertQueue")).send(
                new AlertJob.Voicemail(callSid, recordingSid, "+19045550142", LINE, Instant.now().toString(), 42,
                        AlertJob.Trigger.transcript, "Dave", null, "brakes", "Call me at 904 555 0142", null));
        env.awaitQueueEmpty("AlertQueue");
        assertThat(env.textsTo(OWNER, recordingSid)).hasSize(1);
        assertThat(env.textsTo(OWNER, "555-0142")).isEmpty();
        assertThat(env.textsTo(HELPER, recordingSid)).hasSize(1);
    }
}
