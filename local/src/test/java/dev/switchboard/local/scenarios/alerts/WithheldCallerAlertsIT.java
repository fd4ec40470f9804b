package dev.switchboard.local.scenarios.alerts;

import static dev.switchboard.local.scenarios.alerts.AlertStack.HELPER;
import static dev.switchboard.local.scenarios.alerts.AlertStack.LINE;
import static dev.switchboard.local.scenarios.alerts.AlertStack.OWNER;
import static dev.switchboard.local.scenarios.alerts.AlertStack.awaitAtLeast;
import static dev.switchboard.local.scenarios.alerts.AlertStack.newSid;
import static dev.switchboard.local.scenarios.alerts.AlertStack.s;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.fakes.ses.FakeSes;
import dev.switchboard.transcription.testing.FakeWhisperApi;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Callers who withheld their number (Twilio's {@code From} "anonymous", "Restricted", a placeholder such as
 * +266696687): a voicemail is alerted exactly once, without a reply tag, with what was heard and the
 * recording's link, saying it cannot be answered by reply; so is a missed call (alerts on for missed calls).
 */
class WithheldCallerAlertsIT {

    static final FakeWhisperApi WHISPER = new FakeWhisperApi();
    static AlertStack env;

    @BeforeAll
    static void start() {
        env = AlertStack.start(Map.of("TRANSCRIBER", "openai-whisper", "OPENAI_BASE_URL", WHISPER.baseUrl(),
                        "OPENAI_API_KEY", "sk-local-test-key", "VOICEMAIL_ALERT_DEADLINE_SECONDS", "60",
                        "ALERTS", "{\"voicemail\": true, \"quote\": true, \"text\": true, \"missedCall\": true}"),
                List.of("IncomingCallFunction", "DialStatusFunction", "CallStatusFunction", "RecordingStatusFunction",
                        "SmsIncomingFunction", "RecordingArchiverFunction", "TranscriberFunction", "OwnerAlertsFunction",
                        "SmsSenderFunction"));
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

    /**
     * Waits until the queue has nothing visible or being worked on; the voicemails' deadline jobs (delayed 60 s,
     * and not due by then) are left to come.
     */
    static void awaitNothingInFlight(String queueLogicalId) {
        String url = env.stack.resources().queueUrl(queueLogicalId);
        AlertStack.await(queueLogicalId + " to have nothing in flight", 60, () -> {
            Map<QueueAttributeName, String> a = env.stack.emulators().sqs().getQueueAttributes(b -> b.queueUrl(url)
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
            return "0".equals(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                    && "0".equals(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                    ? Optional.of(true) : Optional.empty();
        });
    }

    @Test
    void aWithheldVoicemailIsAlertedOnceWithoutATagWithWhatWasHeardAndTheRecordingsLink() {
        WHISPER.transcribes("en", List.of(new FakeWhisperApi.Segment(0, 6,
                "Hi, this is Dave Miller. My 2015 Honda Civic needs new brake pads, they are grinding."),
                new FakeWhisperApi.Segment(6, 9, "I will try you again later.")));
        String callSid = newSid("CA");
        String recordingSid = newSid("RE");
        env.voicemail(callSid, recordingSid, "anonymous");

        List<Map<String, Object>> alerts = awaitAtLeast("the owner's voicemail alert", 1,
                () -> env.textsTo(OWNER, recordingSid));
        assertThat(alerts).singleElement().satisfies(alert -> {
            String body = String.valueOf(alert.get("body"));
            assertThat(body).matches("Voicemail from a withheld number \\(Dave Miller\\), 0:\\d\\d - .*")
                    .containsIgnoringCase("Honda").containsIgnoringCase("brake").contains("\"Hi, this is Dave Miller")
                    .contains("(cannot be answered by reply)").endsWith("/recordings/" + recordingSid)
                    .doesNotStartWith("#").doesNotContain("/inbox/c/");
            assertThat(alert.get("from")).isEqualTo(LINE);
        });
        assertThat(awaitAtLeast("the helper's alert", 1, () -> env.textsTo(HELPER, recordingSid))).hasSize(1);
        List<FakeSes.Email> emails = awaitAtLeast("the e-mail", 1, () -> env.emailsAbout("I will try you again later"));
        assertThat(emails).singleElement().satisfies(email -> {
            assertThat(email.subject()).contains("Voicemail from a withheld number");
            assertThat(email.text()).contains("withheld by the caller").contains("/recordings/" + recordingSid)
                    .doesNotContain("Reply tag");
        });

        // Everything settles: the transcript, the deadline's job (not due), nothing redelivered sends again;
        // no CRM lead (there is no number to file it under) and no profile or tag for "anonymous".
        AlertStack.await("the transcript", 60, () -> env.item("REC#" + recordingSid, "REC")
                .filter(r -> "completed".equals(s(r, "transcriptStatus"))));
        env.awaitQueueEmpty("TranscriptionQueue");
        awaitNothingInFlight("AlertQueue");
        assertThat(env.textsTo(OWNER, recordingSid)).hasSize(1);
        assertThat(env.textsTo(HELPER, recordingSid)).hasSize(1);
        assertThat(env.drain("CrmQueue")).noneMatch(m -> m.body().contains(recordingSid));
        assertThat(env.itemsStartingWith("CONTACT#anonymous")).isEmpty();
        assertThat(env.itemsStartingWith("TAG#")).noneMatch(tag -> "anonymous".equals(s(tag, "customer")));
    }

    @Test
    void aTaglessReplyAfterAWithheldAlertGoesToNobody() {
        WHISPER.transcribes("en", List.of(new FakeWhisperApi.Segment(0, 4, "Hello, call me, it is about my truck.")));
        String recordingSid = newSid("RE");
        env.voicemail(newSid("CA"), recordingSid, "+266696687");
        awaitAtLeast("the helper's alert", 1, () -> env.textsTo(HELPER, recordingSid));

        String sid = newSid("SM");
        env.text(sid, HELPER, "On my way " + sid);
        assertThat(awaitAtLeast("the help text", 1, () -> env.textsTo(HELPER, "Start with #tag")))
                .isNotEmpty();
        assertThat(env.stack.twilioSandbox().orElseThrow().messages().stream()
                .filter(m -> String.valueOf(m.get("body")).contains("On my way " + sid))).isEmpty();
    }

    @Test
    void aMissedCallFromAWithheldNumberIsAlertedOnce() {
        String callSid = newSid("CA");
        env.call(callSid, "Restricted");
        env.dialNotAnswered(callSid, "Restricted");
        env.callEnded(callSid, "Restricted");
        env.callEnded(callSid, "Restricted");

        List<Map<String, Object>> alerts = awaitAtLeast("the missed-call alert", 1,
                () -> env.textsTo(OWNER, "Missed call from a withheld number"));
        awaitNothingInFlight("AlertQueue");
        assertThat(env.textsTo(OWNER, "Missed call from a withheld number")).singleElement().satisfies(alert ->
                assertThat(String.valueOf(alert.get("body"))).matches("Missed call from a withheld number at "
                        + "\\d{1,2}:\\d\\d [AP]M " + Pattern.quote("(no voicemail; cannot be called or texted back)")));
        assertThat(alerts.get(0).get("from")).isEqualTo(LINE);
        assertThat(env.textsTo(HELPER, "Missed call from a withheld number")).hasSize(1);
    }
}
