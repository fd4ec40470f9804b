package dev.switchboard.local.scenarios.inbox;

import static dev.switchboard.local.scenarios.inbox.InboxStack.LINE;
import static dev.switchboard.local.scenarios.inbox.InboxStack.OWNER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.shared.storage.Item;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.xml.parsers.DocumentBuilderFactory;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Calling and texting customers from the inbox through the local stack: click-to-call asks Twilio's Calls
 * API (the sandbox) to ring the staff member from the line, the signed TwiML route connects the customer, and
 * the call then goes through status, recording and archive like any call, so the customer's page plays its
 * audio from a presigned link whose bytes are the archive's. Texts go through the pipeline once per
 * Idempotency-Key; an opted-out customer is refused.
 */
class InboxCallsAndTextsIT {

    static InboxStack inbox;

    @BeforeAll
    static void start() {
        inbox = InboxStack.start(List.of("InboxFunction", "OutboundCallFunction", "CallStatusFunction",
                "RecordingStatusFunction", "RecordingArchiverFunction", "SmsIncomingFunction"), Map.of());
    }

    @AfterAll
    static void stop() {
        if (inbox != null) {
            inbox.close();
        }
    }

    static String path(String phone) {
        return phone.replace("+", "%2B");
    }

    @Test
    void clickToCallRingsTheStaffPhoneFromTheLineAndTheCallIsArchivedAndPlayable() throws Exception {
        String customer = InboxStack.newCustomer();
        String cookie = inbox.signIn(OWNER);
        int before = inbox.sandbox().calls().size();
        InboxStack.Answer placed = inbox.withCookie("POST", "/api/calls", "{\"to\": \"" + customer + "\"}", cookie, Map.of());
        assertThat(placed.status()).as(placed.body()).isEqualTo(202);
        String callSid = placed.json().path("callSid").asText();
        assertThat(callSid).startsWith("CA");

        // The Calls API request: the staff member's phone rings from the line's number.
        List<Map<String, Object>> calls = inbox.sandbox().calls();
        assertThat(calls).hasSize(before + 1);
        Map<String, Object> request = calls.get(calls.size() - 1);
        assertThat(request.get("to")).isEqualTo(OWNER);
        assertThat(request.get("from")).isEqualTo(LINE);
        assertThat(request.get("status_callback")).isEqualTo(inbox.publicBaseUrl() + "/twilio/voice/status");
        URI twimlUrl = URI.create(String.valueOf(request.get("url")));
        assertThat(twimlUrl.getPath()).isEqualTo("/twilio/voice/outbound");

        // Twilio fetches the TwiML when the owner answers: "Connecting you to ...", then the customer is dialled.
        String pathAndQuery = twimlUrl.getRawPath() + "?" + twimlUrl.getRawQuery();
        Map<String, String> answered = Map.of("AccountSid", "AC00000000000000000000000000000000", "CallSid", callSid,
                "CallStatus", "in-progress", "Direction", "outbound-api", "From", LINE, "To", OWNER);
        InboxStack.Answer twiml = inbox.twilio(pathAndQuery, answered);
        assertThat(twiml.status()).as(twiml.body()).isEqualTo(200);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(twiml.body().getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getElementsByTagName("Say").item(0).getTextContent()).startsWith("Connecting you to ");
        Element dial = (Element) doc.getElementsByTagName("Dial").item(0);
        assertThat(dial.getAttribute("callerId")).isEqualTo(LINE);
        assertThat(dial.getAttribute("record")).isEqualTo("record-from-answer-dual");
        assertThat(doc.getElementsByTagName("Number").item(0).getTextContent()).isEqualTo(customer);
        // Unsigned, or with the customer changed, it is refused.
        assertThat(inbox.json("POST", pathAndQuery, null, Map.of()).status()).isEqualTo(403);

        // Status, recording and archive as for any call.
        assertThat(inbox.twilio("/twilio/voice/status", Map.of("CallSid", callSid, "CallStatus", "completed",
                "Direction", "outbound-api", "From", LINE, "To", OWNER, "CallDuration", "42", "SequenceNumber", "3"))
                .status()).isEqualTo(200);
        String recordingSid = "RE" + UUID.randomUUID().toString().replace("-", "");
        assertThat(inbox.twilio("/twilio/voice/recording", Map.of("AccountSid", "AC00000000000000000000000000000000",
                "CallSid", callSid, "RecordingSid", recordingSid, "RecordingStatus", "completed",
                "RecordingDuration", "40", "RecordingChannels", "2", "RecordingSource", "DialVerb",
                "RecordingUrl", inbox.sandbox().baseUrl() + "/2010-04-01/Accounts/AC00000000000000000000000000000000/Recordings/"
                        + recordingSid, "ErrorCode", "0")).status()).isEqualTo(200);
        Map<String, AttributeValue> archived = Awaitility.await("recording archived").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> inbox.item("REC#" + recordingSid, "REC"),
                        r -> r.flatMap(i -> Item.string(i, "status")).filter("archived"::equals).isPresent())
                .orElseThrow();

        // The customer's page: the outbound call, its presigned audio, the archive's very bytes.
        InboxStack.Answer page = inbox.withCookie("GET", "/api/contacts/" + path(customer), null, cookie, Map.of());
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        JsonNode call = page.json().path("timeline").get(0);
        assertThat(call.path("id").asText()).isEqualTo("CALL-" + callSid);
        assertThat(call.path("type").asText()).isEqualTo("call");
        assertThat(call.path("direction").asText()).isEqualTo("outbound");
        assertThat(call.path("line").asText()).isEqualTo(LINE);
        assertThat(call.path("contact").path("phone").asText()).isEqualTo(customer);
        JsonNode recording = call.path("recording");
        assertThat(recording.path("sid").asText()).isEqualTo(recordingSid);
        byte[] audio = InboxStack.bytes(recording.path("audioUrl").asText());
        assertThat(audio).isEqualTo(inbox.s3(Item.string(archived, "s3Key").orElseThrow()));
        assertThat(audio.length).isGreaterThan(100);

        // With the bearer token, the staff member whose phone rings is named.
        InboxStack.Answer script = inbox.withToken("POST", "/api/calls", "{\"to\": \"" + customer + "\", \"staff\": \""
                + InboxStack.STAFF + "\"}", Map.of());
        assertThat(script.status()).isEqualTo(202);
        assertThat(inbox.sandbox().calls().get(inbox.sandbox().calls().size() - 1).get("to")).isEqualTo(InboxStack.STAFF);
        assertThat(inbox.withToken("POST", "/api/calls", "{\"to\": \"" + customer + "\"}", Map.of()).status()).isEqualTo(400);
    }

    @Test
    void theSameIdempotencyKeySendsOneText() {
        String customer = InboxStack.newCustomer();
        String cookie = inbox.signIn(OWNER);
        String path = "/api/contacts/" + path(customer) + "/texts";
        String body = "{\"body\": \"Hi, it's Mike from the shop: I can come by at 3 <today> & fix it.\"}";
        InboxStack.Answer first = inbox.withCookie("POST", path, body, cookie, Map.of("Idempotency-Key", "reply-1"));
        InboxStack.Answer again = inbox.withCookie("POST", path, body, cookie, Map.of("Idempotency-Key", "reply-1"));
        assertThat(first.status()).as(first.body()).isEqualTo(202);
        assertThat(first.json().path("status").asText()).isEqualTo("sent");
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(inbox.textsTo(customer)).containsExactly("Hi, it's Mike from the shop: I can come by at 3 <today> & fix it.");
        assertThat(inbox.sandbox().messages().stream().filter(m -> customer.equals(m.get("to"))).findFirst()
                .orElseThrow().get("from")).isEqualTo(LINE);

        // The thread shows it, sent by the signed-in person.
        JsonNode text = inbox.withCookie("GET", "/api/contacts/" + path(customer), null, cookie, Map.of()).json()
                .path("timeline").get(0);
        assertThat(text.path("type").asText()).isEqualTo("text");
        assertThat(text.path("direction").asText()).isEqualTo("outbound");
        assertThat(text.path("body").asText()).startsWith("Hi, it's Mike");
        assertThat(text.path("sentBy").asText()).isEqualTo(OWNER);

        InboxStack.Answer other = inbox.withCookie("POST", path, "{\"body\": \"Second\"}", cookie, Map.of("Idempotency-Key", "reply-2"));
        assertThat(other.status()).isEqualTo(202);
        assertThat(inbox.textsTo(customer)).hasSize(2);
    }

    @Test
    void textingAnOptedOutCustomerIs409() {
        String customer = InboxStack.newCustomer();
        assertThat(inbox.twilio("/twilio/sms", Map.of("MessageSid", "SM" + UUID.randomUUID().toString().replace("-", ""),
                "AccountSid", "AC00000000000000000000000000000000", "From", customer, "To", LINE, "Body", "STOP",
                "NumMedia", "0")).status()).isEqualTo(200);
        InboxStack.Answer refused = inbox.withToken("POST", "/api/contacts/" + path(customer) + "/texts",
                "{\"body\": \"Still there?\"}", Map.of("Idempotency-Key", "k"));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("error").asText()).isEqualTo("opted_out");
        assertThat(inbox.textsTo(customer)).noneMatch(t -> t.startsWith("Still there"));
    }

    @Test
    void badInputIs400AndNothingIsSent() {
        String customer = InboxStack.newCustomer();
        int texts = inbox.sandbox().messages().size();
        int calls = inbox.sandbox().calls().size();
        Map<String, String> key = Map.of("Idempotency-Key", "bad");
        assertThat(inbox.withToken("POST", "/api/contacts/" + path(customer) + "/texts", "{\"body\": \"\"}", key).status()).isEqualTo(400);
        assertThat(inbox.withToken("POST", "/api/contacts/" + path(customer) + "/texts", "{\"body\": \"" + "x".repeat(1601) + "\"}", key)
                .status()).isEqualTo(400);
        assertThat(inbox.withToken("POST", "/api/contacts/not-a-phone/texts", "{\"body\": \"hi\"}", key).status()).isEqualTo(400);
        assertThat(inbox.withToken("POST", "/api/calls", "{\"to\": 5}", Map.of()).status()).isEqualTo(400);
        assertThat(inbox.withToken("POST", "/api/calls", "{not json", Map.of()).status()).isEqualTo(400);
        InboxStack.Answer filter = inbox.withToken("GET", "/api/activity?filter=spam", null, Map.of());
        assertThat(filter.status()).isEqualTo(400);
        assertThat(filter.json().path("field").asText()).isEqualTo("filter");
        InboxStack.Answer cursor = inbox.withToken("GET", "/api/activity?cursor=bm90LWEtY3Vyc29y", null, Map.of());
        assertThat(cursor.status()).isEqualTo(400);
        assertThat(cursor.json().path("field").asText()).isEqualTo("cursor");
        assertThat(inbox.withToken("GET", "/api/contacts/" + path(InboxStack.newCustomer()), null, Map.of()).status()).isEqualTo(404);
        assertThat(inbox.sandbox().messages()).hasSize(texts);
        assertThat(inbox.sandbox().calls()).hasSize(calls);
    }

    static Optional<String> none() {
        return Optional.empty();
    }
}
