package dev.switchboard.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.shared.activity.ActivityIndex;
import dev.switchboard.shared.config.Lines;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.sms.SendResult;
import dev.switchboard.shared.storage.Item;
import dev.switchboard.shared.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The inbox's rules over in-memory items: the views, the customer's page and the 30-day numbers. */
class InboxServiceTest {

    static final String LINE = "+19045550200";
    static final String A = "+15550000001";
    static final String B = "+15550000002";

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T23:00:00Z"));
    final Lines lines = Lines.load(Settings.of(Map.of("LINES", "{\"" + LINE
            + "\": {\"forwardTo\": \"+19045550177\", \"timeZone\": \"America/New_York\"}}")));
    final InboxHandlerTest.FakeActivity activity = new InboxHandlerTest.FakeActivity();
    final InboxHandlerTest.FakeContacts contacts = new InboxHandlerTest.FakeContacts(Set.of());
    final Map<String, Map<String, AttributeValue>> recordings = contacts.recordings;

    final InboxService service = new InboxService(activity, contacts, text -> new SendResult(SendResult.Status.SENT, Optional.of("SM1"), "sent"), lines, phone -> Optional.empty(),
            Optional.empty(), "https://x/twilio/sms/status", "bucket", Duration.ofMinutes(10), clock);

    static Map<String, AttributeValue> event(String pk, String type, String category, String at, String contact,
                                             String direction, boolean needsReply) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", Item.s(pk));
        item.put("actType", Item.s(type));
        item.put("actCategory", Item.s(category));
        item.put("actAt", Item.s(at));
        item.put("actContact", Item.s(contact));
        item.put("actLine", Item.s(LINE));
        item.put("actDirection", Item.s(direction));
        item.put("actNeedsReply", Item.bool(needsReply));
        return item;
    }

    @Test
    void statsCountEachDayInTheLinesTimeZoneAndTheMedianTimeToCallBack() {
        // Newest first, as the index pages them. 2026-11-20 01:30Z is still the 19th in New York.
        activity.events.addAll(List.of(
                event("MSG#SM2", "text", "text", "2026-11-20T16:00:00.000Z", B, "outbound", false),
                event("MSG#SM1", "text", "text", "2026-11-20T15:00:00.000Z", B, "inbound", false),
                event("CALL#CA3", "call", "call", "2026-11-20T14:40:00.000Z", A, "outbound", false),
                event("CALL#CA2", "voicemail", "voicemail", "2026-11-20T14:00:00.000Z", A, "inbound", false),
                event("CALL#CA1", "call", "missed", "2026-11-20T01:30:00.000Z", A, "inbound", false),
                event("LEAD#Q-1", "quote", "quote", "2026-10-01T12:00:00.000Z", B, "inbound", false)));
        activity.events.add(5, withDial(event("CALL#CA0", "call", "call", "2026-11-19T15:00:00.000Z", B, "inbound", false)));
        ObjectNode stats = service.stats(30, Optional.of(LINE));
        JsonNode days = stats.path("days");
        assertThat(days).hasSize(30);
        JsonNode last = days.get(29);
        assertThat(last.path("date").asText()).isEqualTo("2026-11-20");
        assertThat(last.path("voicemails").asInt()).isEqualTo(1);
        assertThat(last.path("textsIn").asInt()).isEqualTo(1);
        assertThat(last.path("missed").asInt()).isZero();
        JsonNode before = days.get(28);
        assertThat(before.path("date").asText()).isEqualTo("2026-11-19");
        assertThat(before.path("missed").asInt()).isEqualTo(1);
        assertThat(before.path("answered").asInt()).isEqualTo(1);
        // A waited from 01:30 (the missed call) to 14:40: 790 min; B from 15:00 to 16:00: 60 min. Median 425.
        assertThat(stats.path("medianMinutesToCallback").asDouble()).isEqualTo(425.0);
    }

    static Map<String, AttributeValue> withDial(Map<String, AttributeValue> item) {
        item.put("dialOutcome", Item.s("answered"));
        return item;
    }

    @Test
    void aCustomersPageShowsTheRecordingAndTheTranscriptAndWhatWaits() {
        Map<String, AttributeValue> voicemail = event("CALL#CA9", "voicemail", "voicemail", "2026-11-20T14:00:00.000Z", A,
                "inbound", true);
        voicemail.put("voicemailRecordingSid", Item.s("RE9"));
        activity.events.add(voicemail);
        recordings.put("RE9", Map.of("s3Key", Item.s("recordings/2026/11/20/CA9/RE9.mp3"), "durationSeconds", Item.n(12),
                "transcriptExcerpt", Item.s("Hi this is Jane"), "extracted", AttributeValue.fromM(Map.of(
                        "vehicle", AttributeValue.fromM(Map.of("value", Item.s("2018 Toyota Camry"))),
                        "name", Item.s("Jane")))));
        JsonNode page = service.contact(A, Optional.empty(), 50).orElseThrow();
        JsonNode item = page.path("timeline").get(0);
        assertThat(item.path("id").asText()).isEqualTo("CALL-CA9");
        assertThat(item.path("needsReply").asBoolean()).isTrue();
        assertThat(item.path("recording").path("audioUrl").asText()).isEqualTo("https://bucket.s3.amazonaws.com/recordings/2026/11/20/CA9/RE9.mp3");
        assertThat(item.path("recording").path("durationSeconds").asInt()).isEqualTo(12);
        assertThat(item.path("transcript").path("text").asText()).isEqualTo("Hi this is Jane");
        assertThat(item.path("transcript").path("extracted").path("vehicle").asText()).isEqualTo("2018 Toyota Camry");
        assertThat(item.path("transcript").path("extracted").path("name").asText()).isEqualTo("Jane");
        assertThat(service.contact(B, Optional.empty(), 50)).isEmpty();
    }

    @Test
    void theFeedFlagsWhatWaitsFromTheEventItself() {
        activity.events.add(event("MSG#SM5", "text", "text", "2026-11-20T14:00:00.000Z", A, "inbound", true));
        activity.events.add(event("MSG#SM6", "text", "text", "2026-11-20T13:00:00.000Z", A, "inbound", false));
        JsonNode all = service.activity(ActivityIndex.Feed.ALL, Optional.empty(), Optional.empty(), 50);
        assertThat(all.path("items")).hasSize(2);
        assertThat(all.path("items").findValues("needsReply")).extracting(JsonNode::asBoolean).containsExactly(true, false);
        JsonNode waiting = service.activity(ActivityIndex.Feed.NEEDS_REPLY, Optional.empty(), Optional.empty(), 50);
        assertThat(waiting.path("items").get(0).path("needsReply").asBoolean()).isTrue();
    }
}
