package dev.switchboard.local.scenarios.calls;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.shared.http.FormParameters;
import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.storage.Item;
import dev.switchboard.shared.testing.FakeTwilioApi;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Missed calls through the local stack over HTTP: DynamoDB Local, ElasticMQ, the real functions, and a
 * WireMock fake of Twilio's Messages API. The CRM, SMS and archive workers are not started, so the test
 * reads their queues itself and can count what was put there.
 */
class MissedCallIT {

    static final String OPEN_LINE = "+19045550200";
    static final String CLOSED_LINE = "+19045550201";
    static final String SCREENED_LINE = "+19045550202";
    static final String THANKS_LINE = "+19045550203";
    static final AtomicInteger CALLERS = new AtomicInteger(130);

    static FakeTwilioApi twilio;
    static CallStack calls;

    @BeforeAll
    static void start() {
        twilio = new FakeTwilioApi();
        String lines = "{"
                + "\"" + OPEN_LINE + "\": {\"forwardTo\": \"" + CallStack.OWNER + "\", \"smsFrom\": \"" + OPEN_LINE + "\","
                + " \"missedCallText\": \"Sorry we missed your call at {business}! Reply STOP to opt out.\"},"
                + "\"" + CLOSED_LINE + "\": {\"forwardTo\": \"" + CallStack.OWNER + "\", \"businessName\": \"Night Shop\","
                + " \"timeZone\": \"America/New_York\", \"hours\": {}},"
                + "\"" + SCREENED_LINE + "\": {\"forwardTo\": \"" + CallStack.OWNER + "\", \"screen\": true},"
                + "\"" + THANKS_LINE + "\": {\"forwardTo\": \"" + CallStack.OWNER + "\", \"textAfterVoicemail\": true}}";
        calls = CallStack.start(Map.of("TWILIO_API_BASE_URL", twilio.baseUrl(), "LINES", lines),
                List.of("IncomingCallFunction", "DialStatusFunction", "CallScreeningFunction", "CallStatusFunction",
                        "RecordingStatusFunction"));
    }

    @AfterAll
    static void stop() {
        if (calls != null) {
            calls.close();
        }
        twilio.close();
    }

    /** A fresh caller per test, so the 24-hour window of one never hides another's text. */
    static String newCaller() {
        return "+19045550" + CALLERS.getAndIncrement();
    }

    static String newCallSid() {
        return "CA" + UUID.randomUUID().toString().replace("-", "");
    }

    static Map<String, String> call(String callSid, String caller, String line, Map<String, String> extra) {
        Map<String, String> params = new HashMap<>(Map.of("AccountSid", CallStack.ACCOUNT_SID, "ApiVersion", "2010-04-01",
                "CallSid", callSid, "From", caller, "Caller", caller, "To", line, "Called", line, "Direction", "inbound"));
        params.putAll(extra);
        return params;
    }

    static Document twiml(CallStack.Answer answer) throws Exception {
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(answer.body().getBytes(StandardCharsets.UTF_8)));
    }

    static List<FormParameters> textsTo(String caller) {
        return twilio.sentMessages().stream().filter(m -> m.first("To").filter(caller::equals).isPresent()).toList();
    }

    static List<JsonNode> crmJobsFor(List<Message> messages, String callSid) {
        return messages.stream().map(m -> read(m.body())).filter(j -> j.path("callSid").asText().equals(callSid)).toList();
    }

    static JsonNode read(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    CallStack.Answer dialEnded(String callSid, String caller, String line, String dialCallStatus) {
        return calls.post("/twilio/voice/dial-status", call(callSid, caller, line, Map.of("CallStatus", "in-progress",
                "DialCallStatus", dialCallStatus, "DialCallSid", newCallSid(), "DialCallDuration", "0")));
    }

    CallStack.Answer voicemailEnded(String callSid, String caller, String line, int seconds) {
        String recordingSid = "RE" + callSid.substring(2);
        return calls.post("/twilio/voice/voicemail-complete", call(callSid, caller, line, Map.of("CallStatus", "completed",
                "RecordingSid", recordingSid, "RecordingDuration", String.valueOf(seconds), "RecordingUrl",
                "https://api.twilio.com/2010-04-01/Accounts/" + CallStack.ACCOUNT_SID + "/Recordings/" + recordingSid,
                "Digits", "hangup")));
    }

    CallStack.Answer callEnded(String callSid, String caller, String line, int sequence, int duration) {
        return calls.post("/twilio/voice/status", call(callSid, caller, line, Map.of("CallStatus", "completed",
                "SequenceNumber", String.valueOf(sequence), "CallDuration", String.valueOf(duration),
                "Timestamp", "Mon, 23 Nov 2026 15:01:35 +0000", "CallbackSource", "call-progress-events")));
    }

    @Test
    void anAnsweredCallHangsUpRecordsTheOutcomeAndTextsNobody() throws Exception {
        String caller = newCaller();
        String sid = newCallSid();
        Document incoming = twiml(calls.post("/twilio/voice", call(sid, caller, OPEN_LINE, Map.of("CallStatus", "ringing"))));
        Element number = (Element) incoming.getElementsByTagName("Number").item(0);
        assertThat(number.getTextContent()).isEqualTo(CallStack.OWNER);
        assertThat(number.hasAttribute("url")).isFalse();

        Document answered = twiml(dialEnded(sid, caller, OPEN_LINE, "completed"));
        assertThat(answered.getElementsByTagName("Hangup").getLength()).isEqualTo(1);
        assertThat(callEnded(sid, caller, OPEN_LINE, 4, 63).status()).isEqualTo(200);

        Map<String, AttributeValue> record = calls.call(sid);
        assertThat(Item.string(record, "dialOutcome")).contains("answered");
        assertThat(Item.string(record, "status")).contains("completed");
        assertThat(Item.number(record, "duration")).contains(63L);
        assertThat(textsTo(caller)).isEmpty();
        List<JsonNode> crm = crmJobsFor(calls.drain("CrmQueue"), sid);
        assertThat(crm).hasSize(1);
        assertThat(crm.get(0).path("kind").asText()).isEqualTo("call");
        assertThat(crm.get(0).path("idempotencyKey").asText()).isEqualTo("call:" + sid);
        assertThat(crm.get(0).path("phone").asText()).isEqualTo(caller);
        assertThat(crm.get(0).path("line").asText()).isEqualTo(OPEN_LINE);
        assertThat(crm.get(0).path("callOutcome").asText()).isEqualTo("answered");
        assertThat(crm.get(0).path("durationSeconds").asInt()).isEqualTo(63);
    }

    @Test
    void noAnswerGoesToVoicemailAndTextsTheCallerExactlyOnce() throws Exception {
        String caller = newCaller();
        String sid = newCallSid();
        twiml(calls.post("/twilio/voice", call(sid, caller, OPEN_LINE, Map.of("CallStatus", "ringing"))));

        Document voicemail = twiml(dialEnded(sid, caller, OPEN_LINE, "no-answer"));
        Element record = (Element) voicemail.getElementsByTagName("Record").item(0);
        String base = calls.publicBaseUrl();
        assertThat(record.getAttribute("action")).isEqualTo(base + "/twilio/voice/voicemail-complete");
        assertThat(record.getAttribute("recordingStatusCallback")).isEqualTo(base + "/twilio/voice/recording");
        assertThat(record.getAttribute("maxLength")).isEqualTo("120");
        assertThat(record.getAttribute("playBeep")).isEqualTo("true");

        List<FormParameters> texts = textsTo(caller);
        assertThat(texts).hasSize(1);
        FormParameters text = texts.get(0);
        assertThat(text.first("From")).contains(OPEN_LINE);
        assertThat(text.first("StatusCallback")).contains(base + "/twilio/sms/status");
        assertThat(text.first("Body")).hasValueSatisfying(b -> assertThat(b).startsWith("Sorry we missed your call at Mechanic St. Augustine!"));

        // The rest of the call's life never texts again.
        twiml(voicemailEnded(sid, caller, OPEN_LINE, 14));
        assertThat(callEnded(sid, caller, OPEN_LINE, 6, 40).status()).isEqualTo(200);
        assertThat(textsTo(caller)).hasSize(1);
        assertThat(calls.item("TEXT#missed-call:" + sid, "TEXT").flatMap(i -> Item.string(i, "state"))).contains("sent");
        assertThat(Item.string(calls.call(sid), "dialOutcome")).contains("no-answer");
        assertThat(Item.flag(calls.call(sid), "voicemailLeft")).isTrue();
        List<JsonNode> crm = crmJobsFor(calls.drain("CrmQueue"), sid);
        assertThat(crm).hasSize(1);
        assertThat(crm.get(0).path("callOutcome").asText()).isEqualTo("voicemail");
    }

    @Test
    void afterHoursGoesStraightToVoicemailAndBusyToo() throws Exception {
        String nightCaller = newCaller();
        String night = newCallSid();
        Document closed = twiml(calls.post("/twilio/voice", call(night, nightCaller, CLOSED_LINE, Map.of("CallStatus", "ringing"))));
        assertThat(closed.getElementsByTagName("Dial").getLength()).isZero();
        assertThat(closed.getElementsByTagName("Record").getLength()).isEqualTo(1);
        assertThat(closed.getElementsByTagName("Say").item(0).getTextContent()).contains("Night Shop").contains("closed");
        assertThat(textsTo(nightCaller)).hasSize(1);
        assertThat(textsTo(nightCaller).get(0).first("Body")).hasValueSatisfying(b -> assertThat(b).contains("Night Shop"));
        assertThat(Item.string(calls.call(night), "route")).contains("after-hours");

        String busyCaller = newCaller();
        String busy = newCallSid();
        twiml(calls.post("/twilio/voice", call(busy, busyCaller, OPEN_LINE, Map.of("CallStatus", "ringing"))));
        Document voicemail = twiml(dialEnded(busy, busyCaller, OPEN_LINE, "busy"));
        assertThat(voicemail.getElementsByTagName("Record").getLength()).isEqualTo(1);
        assertThat(textsTo(busyCaller)).hasSize(1);
        assertThat(Item.string(calls.call(busy), "dialOutcome")).contains("busy");
    }

    @Test
    void theSameWebhookDeliveredTwiceAnswersTheSameAndDoesNothingTwice() {
        String caller = newCaller();
        String sid = newCallSid();
        String recordingSid = "RE" + sid.substring(2);
        Map<String, Map<String, String>> deliveries = new java.util.LinkedHashMap<>();
        deliveries.put("/twilio/voice", call(sid, caller, CLOSED_LINE, Map.of("CallStatus", "ringing")));
        deliveries.put("/twilio/voice/voicemail-complete", call(sid, caller, CLOSED_LINE, Map.of("CallStatus", "completed",
                "RecordingSid", recordingSid, "RecordingDuration", "9", "RecordingUrl", twilio.baseUrl()
                        + "/2010-04-01/Accounts/" + CallStack.ACCOUNT_SID + "/Recordings/" + recordingSid)));
        deliveries.put("/twilio/voice/recording", Map.of("AccountSid", CallStack.ACCOUNT_SID, "CallSid", sid,
                "RecordingSid", recordingSid, "RecordingStatus", "completed", "RecordingDuration", "9",
                "RecordingChannels", "1", "RecordingSource", "RecordVerb", "RecordingUrl", twilio.baseUrl()
                        + "/2010-04-01/Accounts/" + CallStack.ACCOUNT_SID + "/Recordings/" + recordingSid,
                "RecordingStartTime", "Mon, 23 Nov 2026 15:00:45 +0000"));
        deliveries.put("/twilio/voice/status", call(sid, caller, CLOSED_LINE, Map.of("CallStatus", "completed",
                "SequenceNumber", "5", "CallDuration", "31", "Timestamp", "Mon, 23 Nov 2026 15:01:35 +0000")));
        deliveries.forEach((path, params) -> {
            String token = UUID.randomUUID().toString();
            CallStack.Answer first = calls.post(path, params, token);
            CallStack.Answer again = calls.post(path, params, token);
            assertThat(first.status()).as(path).isEqualTo(200);
            assertThat(again.status()).as(path).isEqualTo(first.status());
            assertThat(again.body()).as(path).isEqualTo(first.body());
        });
        // The dial-status route too, on an open line.
        String dialSid = newCallSid();
        String dialCaller = newCaller();
        Map<String, String> dial = call(dialSid, dialCaller, OPEN_LINE, Map.of("CallStatus", "in-progress",
                "DialCallStatus", "no-answer", "DialCallSid", newCallSid()));
        CallStack.Answer first = calls.post("/twilio/voice/dial-status", dial, "dial-token-" + dialSid);
        CallStack.Answer again = calls.post("/twilio/voice/dial-status", dial, "dial-token-" + dialSid);
        assertThat(again.body()).isEqualTo(first.body());

        assertThat(textsTo(caller)).hasSize(1);
        assertThat(textsTo(dialCaller)).hasSize(1);
        assertThat(crmJobsFor(calls.drain("CrmQueue"), sid)).hasSize(1);
        List<JsonNode> archiveJobs = calls.drain("ArchiveQueue").stream().map(m -> read(m.body()))
                .filter(j -> j.path("recordingSid").asText().equals(recordingSid)).toList();
        assertThat(archiveJobs).hasSize(1);
        assertThat(archiveJobs.get(0).path("kind").asText()).isEqualTo("voicemail");
        assertThat(archiveJobs.get(0).path("from").asText()).isEqualTo(caller);
    }

    @Test
    void aSecondMissedCallWithinTheWindowGetsNoSecondText() throws Exception {
        String caller = newCaller();
        twiml(dialEnded(newCallSid(), caller, OPEN_LINE, "no-answer"));
        twiml(dialEnded(newCallSid(), caller, OPEN_LINE, "no-answer"));
        assertThat(textsTo(caller)).hasSize(1);
    }

    @Test
    void optedOutAnonymousAndOwnNumbersAreNeverTexted() throws Exception {
        String optedOut = newCaller();
        calls.stack.emulators().dynamoDb().putItem(b -> b.tableName(calls.stack.resources().tableName("SwitchboardTable"))
                .item(Map.of("pk", AttributeValue.fromS("PHONE#" + optedOut), "sk", AttributeValue.fromS("OPTOUT"),
                        "optedOut", AttributeValue.fromBool(true))));
        twiml(dialEnded(newCallSid(), optedOut, OPEN_LINE, "no-answer"));
        twiml(dialEnded(newCallSid(), "+266696687", OPEN_LINE, "no-answer"));
        twiml(dialEnded(newCallSid(), CallStack.OWNER, OPEN_LINE, "no-answer"));
        assertThat(textsTo(optedOut)).isEmpty();
        assertThat(textsTo("+266696687")).isEmpty();
        assertThat(textsTo(CallStack.OWNER)).isEmpty();
    }

    @Test
    void textAfterVoicemailSaysThanksWhenAMessageArrived() throws Exception {
        String caller = newCaller();
        String sid = newCallSid();
        twiml(dialEnded(sid, caller, THANKS_LINE, "no-answer"));
        assertThat(textsTo(caller)).as("no text before the caller is done").isEmpty();
        twiml(voicemailEnded(sid, caller, THANKS_LINE, 12));
        assertThat(textsTo(caller)).hasSize(1);
        assertThat(textsTo(caller).get(0).first("Body")).hasValueSatisfying(b -> assertThat(b).startsWith("Thanks for your message"));
        callEnded(sid, caller, THANKS_LINE, 7, 50);
        assertThat(textsTo(caller)).hasSize(1);
    }

    @Test
    void textAfterVoicemailFallsBackToTheStatusCallbackWhenTheCallerHangsUpDuringThePrompt() throws Exception {
        String caller = newCaller();
        String sid = newCallSid();
        twiml(dialEnded(sid, caller, THANKS_LINE, "no-answer"));
        assertThat(textsTo(caller)).isEmpty();
        assertThat(callEnded(sid, caller, THANKS_LINE, 5, 25).status()).isEqualTo(200);
        assertThat(textsTo(caller)).hasSize(1);
        assertThat(textsTo(caller).get(0).first("Body")).hasValueSatisfying(b -> assertThat(b).startsWith("Sorry we missed"));
        assertThat(callEnded(sid, caller, THANKS_LINE, 5, 25).status()).isEqualTo(200);
        assertThat(textsTo(caller)).hasSize(1);
    }

    @Test
    void aScreenedCallNobodyAcceptedGoesToVoicemailEvenThoughTwilioSaysCompleted() throws Exception {
        String caller = newCaller();
        String sid = newCallSid();
        Document incoming = twiml(calls.post("/twilio/voice", call(sid, caller, SCREENED_LINE, Map.of("CallStatus", "ringing"))));
        Element number = (Element) incoming.getElementsByTagName("Number").item(0);
        assertThat(number.getAttribute("url")).isEqualTo(calls.publicBaseUrl() + "/twilio/voice/screen");

        // The owner's carrier voicemail picks up: the whisper plays, nobody presses 1.
        String ownerLeg = newCallSid();
        Document whisper = twiml(calls.post("/twilio/voice/screen", Map.of("AccountSid", CallStack.ACCOUNT_SID,
                "CallSid", ownerLeg, "ParentCallSid", sid, "From", SCREENED_LINE, "To", CallStack.OWNER,
                "Direction", "outbound-dial", "CallStatus", "in-progress")));
        Element gather = (Element) whisper.getElementsByTagName("Gather").item(0);
        assertThat(gather.getAttribute("numDigits")).isEqualTo("1");
        String digits = caller.substring(2);
        assertThat(gather.getTextContent()).contains(digits.charAt(0) + " " + digits.charAt(1));

        Document afterDial = twiml(dialEnded(sid, caller, SCREENED_LINE, "completed"));
        assertThat(afterDial.getElementsByTagName("Record").getLength()).isEqualTo(1);
        assertThat(textsTo(caller)).hasSize(1);
        assertThat(Item.string(calls.call(sid), "dialOutcome")).contains("not-accepted");
    }

    @Test
    void aScreenedCallTheOwnerAcceptedEndsNormally() throws Exception {
        String caller = newCaller();
        String sid = newCallSid();
        twiml(calls.post("/twilio/voice", call(sid, caller, SCREENED_LINE, Map.of("CallStatus", "ringing"))));
        String ownerLeg = newCallSid();
        Document accepted = twiml(calls.post("/twilio/voice/screen-result", Map.of("AccountSid", CallStack.ACCOUNT_SID,
                "CallSid", ownerLeg, "ParentCallSid", sid, "From", SCREENED_LINE, "To", CallStack.OWNER, "Digits", "1")));
        assertThat(accepted.getDocumentElement().getChildNodes().getLength()).isZero();
        assertThat(Item.flag(calls.call(sid), "screenAccepted")).isTrue();

        Document afterDial = twiml(dialEnded(sid, caller, SCREENED_LINE, "completed"));
        assertThat(afterDial.getElementsByTagName("Hangup").getLength()).isEqualTo(1);
        assertThat(textsTo(caller)).isEmpty();
    }

    @Test
    void lateAndOutOfOrderStatusCallbacksNeverMoveTheCallBack() {
        String caller = newCaller();
        String sid = newCallSid();
        assertThat(callEnded(sid, caller, OPEN_LINE, 3, 95).status()).isEqualTo(200);
        for (String[] late : new String[][] {{"in-progress", "2"}, {"ringing", "1"}, {"initiated", "0"}}) {
            CallStack.Answer answer = calls.post("/twilio/voice/status", call(sid, caller, OPEN_LINE, Map.of(
                    "CallStatus", late[0], "SequenceNumber", late[1], "Timestamp", "Mon, 23 Nov 2026 15:00:00 +0000")));
            assertThat(answer.status()).isEqualTo(200);
        }
        Map<String, AttributeValue> record = calls.call(sid);
        assertThat(Item.string(record, "status")).contains("completed");
        assertThat(Item.number(record, "statusSequence")).contains(3L);
        assertThat(Item.number(record, "duration")).contains(95L);

        // In order, the call moves forward.
        String next = newCallSid();
        calls.post("/twilio/voice/status", call(next, caller, OPEN_LINE, Map.of("CallStatus", "ringing", "SequenceNumber", "0")));
        calls.post("/twilio/voice/status", call(next, caller, OPEN_LINE, Map.of("CallStatus", "in-progress", "SequenceNumber", "1")));
        assertThat(Item.string(calls.call(next), "status")).contains("in-progress");
        CallStack.Answer bad = calls.post("/twilio/voice/status", call(next, caller, OPEN_LINE, Map.of(
                "CallStatus", "completed", "SequenceNumber", "two")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(Item.string(calls.call(next), "status")).contains("in-progress");
        assertThat(Optional.ofNullable(calls.call(next).get("duration"))).isEmpty();
    }
}
