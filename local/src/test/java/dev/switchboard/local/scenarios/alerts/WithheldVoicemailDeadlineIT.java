package dev.switchboard.local.scenarios.alerts;

import static dev.switchboard.local.scenarios.alerts.AlertStack.HELPER;
import static dev.switchboard.local.scenarios.alerts.AlertStack.LINE;
import static dev.switchboard.local.scenarios.alerts.AlertStack.OWNER;
import static dev.switchboard.local.scenarios.alerts.AlertStack.awaitAtLeast;
import static dev.switchboard.local.scenarios.alerts.AlertStack.newSid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.shared.jobs.AlertJob;
import dev.switchboard.shared.queue.JobQueue;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A withheld caller's voicemail whose transcript is too slow (no transcriber runs here): the archiver's
 * deadline job (3 s here instead of 150 s) alerts staff, "transcript to follow", and the transcript's own alert
 * job sends nothing more, even when it names a number heard in the voicemail.
 */
class WithheldVoicemailDeadlineIT {

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
