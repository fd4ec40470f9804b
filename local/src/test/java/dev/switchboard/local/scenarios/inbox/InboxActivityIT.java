package dev.switchboard.local.scenarios.inbox;

import static dev.switchboard.local.scenarios.inbox.InboxStack.LINE;
import static dev.switchboard.local.scenarios.inbox.InboxStack.OWNER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.local.LocalClock;
import dev.switchboard.shared.storage.Item;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The feed after real webhooks: a missed call with a voicemail, a quote and a text all wait for a reply;
 * texting back clears one, click-to-call another, "done" the third. And the 30-day numbers on a fixed clock.
 *
 * <p>The calls, texts and quotes are filed in the activity index by their writers (issue 16's part).
 */
class InboxActivityIT {

    static InboxStack inbox;
    static final String ACCOUNT = "AC00000000000000000000000000000000";

    @BeforeAll
    static void start() {
        inbox = InboxStack.start(List.of("InboxFunction", "OutboundCallFunction", "IncomingCallFunction",
                "DialStatusFunction", "CallStatusFunction", "RecordingStatusFunction", "SmsIncomingFunction",
                "QuoteFunction"), Map.of());
    }

    @AfterAll
    static void stop() {
        if (inbox != null) {
            inbox.close();
        }
    }

    @AfterEach
    void resetClock() {
        LocalClock.reset();
    }

    static String sid(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "");
    }

    static Map<String, String> call(String callSid, String caller, Map<String, String> extra) {
        Map<String, String> params = new HashMap<>(Map.of("AccountSid", ACCOUNT, "ApiVersion", "2010-04-01",
                "CallSid", callSid, "From", caller, "Caller", caller, "To", LINE, "Called", LINE, "Direction", "inbound"));
        params.putAll(extra);
        return params;
    }

    /** A call nobody answers, and the caller leaves a voicemail. */
    String missedCallWithVoicemail(String caller) {
        String callSid = sid("CA");
        String recordingSid = "RE" + callSid.substring(2);
        String media = inbox.sandbox().baseUrl() + "/2010-04-01/Accounts/" + ACCOUNT + "/Recordings/" + recordingSid;
        assertThat(inbox.twilio("/twilio/voice", call(callSid, caller, Map.of("CallStatus", "ringing"))).status()).isEqualTo(200);
        assertThat(inbox.twilio("/twilio/voice/dial-status", call(callSid, caller, Map.of("CallStatus", "in-progress",
                "DialCallStatus", "no-answer", "DialCallSid", sid("CA"), "DialCallDuration", "0"))).status()).isEqualTo(200);
        assertThat(inbox.twilio("/twilio/voice/recording", Map.of("AccountSid", ACCOUNT, "CallSid", callSid,
                "RecordingSid", recordingSid, "RecordingStatus", "completed", "RecordingDuration", "12",
                "RecordingChannels", "1", "RecordingSource", "RecordVerb", "RecordingUrl", media)).status()).isEqualTo(200);
        assertThat(inbox.twilio("/twilio/voice/voicemail-complete", call(callSid, caller, Map.of("CallStatus", "completed",
                "RecordingSid", recordingSid, "RecordingDuration", "12", "RecordingUrl", media))).status()).isEqualTo(200);
        assertThat(inbox.twilio("/twilio/voice/status", call(callSid, caller, Map.of("CallStatus", "completed",
                "SequenceNumber", "5", "CallDuration", "40"))).status()).isEqualTo(200);
        return callSid;
    }

    void quote(String phone) {
        InboxStack.Answer quote = inbox.json("POST", "/quote", "{\"name\": \"Jane Doe\", \"phone\": \"" + phone
                + "\", \"service\": \"oil change\", \"year\": \"2018\", \"make\": \"Toyota\", \"model\": \"Camry\","
                + " \"engine\": \"4-cylinder\", \"text_opt_in\": false}", Map.of());
        assertThat(quote.status()).as(quote.body()).isBetween(200, 202);
    }

    void textFrom(String phone, String body) {
        assertThat(inbox.twilio("/twilio/sms", Map.of("MessageSid", sid("SM"), "AccountSid", ACCOUNT, "From", phone,
                "To", LINE, "Body", body, "NumMedia", "0")).status()).isEqualTo(200);
    }

    /** The call-status writer files an ended call in the activity index (issue 16). */
    void assumeWritersFileActivity(String callSid) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> inbox.item("CALL#" + callSid, "CALL").flatMap(i -> Item.string(i, "actType")).isPresent());
    }

    List<JsonNode> waiting(String... contacts) {
        JsonNode page = inbox.withToken("GET", "/api/activity?filter=needs-reply&limit=200", null, Map.of()).json();
        List<JsonNode> mine = new ArrayList<>();
        page.path("items").forEach(item -> {
            for (String contact : contacts) {
                if (item.path("contact").path("phone").asText().equals(contact)) {
                    mine.add(item);
                }
            }
        });
        return mine;
    }

    @Test
    void needsReplyHoldsTheVoicemailTheQuoteAndTheTextUntilEachIsAnswered() {
        String caller = InboxStack.newCustomer();
        String quoter = InboxStack.newCustomer();
        String texter = InboxStack.newCustomer();
        String callSid = missedCallWithVoicemail(caller);
        assumeWritersFileActivity(callSid);
        quote(quoter);
        textFrom(texter, "Is my car ready?");

        List<JsonNode> all = Awaitility.await("three waiting").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                .until(() -> waiting(caller, quoter, texter), l -> l.size() == 3);
        assertThat(all).extracting(i -> i.path("type").asText()).containsExactlyInAnyOrder("voicemail", "quote", "text");
        assertThat(all).allMatch(i -> i.path("needsReply").asBoolean());
        JsonNode text = all.stream().filter(i -> i.path("type").asText().equals("text")).findFirst().orElseThrow();
        assertThat(text.path("body").asText()).isEqualTo("Is my car ready?");
        assertThat(text.path("direction").asText()).isEqualTo("inbound");
        assertThat(text.path("line").asText()).isEqualTo(LINE);

        String cookie = inbox.signIn(OWNER);
        // A text back clears the text.
        assertThat(inbox.withCookie("POST", "/api/contacts/" + texter.replace("+", "%2B") + "/texts",
                "{\"body\": \"Yes, ready at 5.\"}", cookie, Map.of("Idempotency-Key", "ready")).status()).isEqualTo(202);
        assertThat(waiting(caller, quoter, texter)).extracting(i -> i.path("type").asText())
                .containsExactlyInAnyOrder("voicemail", "quote");
        // Click-to-call clears the voicemail.
        assertThat(inbox.withCookie("POST", "/api/calls", "{\"to\": \"" + caller + "\"}", cookie, Map.of()).status())
                .isEqualTo(202);
        List<JsonNode> left = waiting(caller, quoter, texter);
        assertThat(left).extracting(i -> i.path("type").asText()).containsExactly("quote");
        // Done clears the quote.
        assertThat(inbox.withCookie("POST", "/api/activity/" + left.get(0).path("id").asText() + "/done", null, cookie,
                Map.of()).status()).isEqualTo(204);
        assertThat(waiting(caller, quoter, texter)).isEmpty();

        // The feed still shows everything, and the voicemail under its filter.
        JsonNode voicemails = inbox.withToken("GET", "/api/activity?filter=voicemail&limit=200", null, Map.of()).json();
        assertThat(voicemails.path("items").findValuesAsText("id")).contains("CALL-" + callSid);
    }

    @Test
    void statsCountTheDayAndTheMedianTimeToCallBackOnAFixedClock() {
        Instant morning = Instant.parse("2026-11-18T14:00:00Z");
        LocalClock.setNow(morning);
        String caller = InboxStack.newCustomer();
        String callSid = missedCallWithVoicemail(caller);
        assumeWritersFileActivity(callSid);
        LocalClock.setNow(morning.plus(Duration.ofMinutes(30)));
        assertThat(inbox.withToken("POST", "/api/calls", "{\"to\": \"" + caller + "\", \"staff\": \"" + OWNER + "\"}",
                Map.of()).status()).isEqualTo(202);
        LocalClock.setNow(Instant.parse("2026-11-20T18:00:00Z"));
        JsonNode stats = inbox.withToken("GET", "/api/stats?days=30&line=" + LINE.replace("+", "%2B"), null, Map.of()).json();
        assertThat(stats.path("days")).hasSize(30);
        JsonNode day = null;
        for (JsonNode d : stats.path("days")) {
            if (d.path("date").asText().equals(LocalDate.ofInstant(morning, ZoneId.of("America/New_York")).toString())) {
                day = d;
            }
        }
        assertThat(day).isNotNull();
        assertThat(day.path("voicemails").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(stats.path("medianMinutesToCallback").isNumber()).isTrue();
    }
}
