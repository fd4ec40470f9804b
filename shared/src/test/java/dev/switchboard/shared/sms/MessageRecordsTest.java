package dev.switchboard.shared.sms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.shared.activity.ActivityIndex;
import dev.switchboard.shared.sms.MessageRecords.DeliveryStatus;
import dev.switchboard.shared.sms.MessageRecords.StatusOutcome;
import dev.switchboard.shared.storage.Item;
import dev.switchboard.shared.testing.Emulators;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Message records in DynamoDB Local: outbound texts moved forward by their statuses, inbound texts once. */
class MessageRecordsTest {

    static final Instant T0 = Instant.parse("2026-11-22T20:00:00Z");

    final MessageRecords messages = new MessageRecords(Emulators.shared().table());
    final String sid = "SM" + UUID.randomUUID().toString().replace("-", "");

    static DeliveryStatus status(String sid, String status, Integer errorCode) {
        return new DeliveryStatus(sid, status, Optional.ofNullable(errorCode),
                Optional.ofNullable(errorCode).map(String::valueOf),
                Optional.ofNullable(errorCode).map(code -> "Unknown destination handset"), Optional.of("+19045550123"),
                Optional.of("+19045550200"));
    }

    OutgoingText text() {
        return new OutgoingText("missed-call:CA1", "missed-call", "+19045550123", Optional.of("+19045550200"),
                Optional.empty(), "Sorry we missed you", "https://example.com/twilio/sms/status");
    }

    @Test
    void aStatusOnlyEverMovesTheRecordForward() {
        messages.recordSent(text(), sid, "queued", T0);
        assertThat(messages.applyStatus(status(sid, "sent", null), T0)).isEqualTo(StatusOutcome.UPDATED);
        assertThat(messages.applyStatus(status(sid, "undelivered", 30005), T0)).isEqualTo(StatusOutcome.UPDATED);
        assertThat(messages.applyStatus(status(sid, "sent", null), T0)).as("late").isEqualTo(StatusOutcome.STALE);
        assertThat(messages.applyStatus(status(sid, "delivered", null), T0)).as("a first final status stays")
                .isEqualTo(StatusOutcome.STALE);
        assertThat(messages.find(sid).orElseThrow()).containsEntry("status", Item.s("undelivered"))
                .containsEntry("errorCode", Item.n(30005))
                .containsEntry("errorDescription", Item.s("Unknown destination handset"))
                .containsEntry("kind", Item.s("missed-call"))
                .containsEntry("direction", Item.s("outbound"));
    }

    @Test
    void aStatusThatArrivesBeforeTheSendIsRecordedIsKept() {
        assertThat(messages.applyStatus(status(sid, "delivered", null), T0)).isEqualTo(StatusOutcome.CREATED);
        messages.recordSent(text(), sid, "queued", T0.plusSeconds(1));
        assertThat(messages.find(sid).orElseThrow()).containsEntry("status", Item.s("delivered"))
                .containsEntry("textKey", Item.s("missed-call:CA1"))
                .containsEntry("createdAt", Item.time(T0));
    }

    @Test
    void anIncomingTextIsStoredOnceWhateverTwilioRedelivers() {
        InboundMessage message = new InboundMessage(sid, "+19045550123", "+19045550200", "my brakes squeal", 1,
                List.of("https://api.twilio.com/media/ME1"), Optional.of("+19045550200"), "none");
        assertThat(messages.recordInbound(message, T0)).isTrue();
        assertThat(messages.recordInbound(message, T0.plusSeconds(5))).isFalse();
        assertThat(messages.find(sid).orElseThrow()).containsEntry("direction", Item.s("inbound"))
                .containsEntry("body", Item.s("my brakes squeal")).containsEntry("numMedia", Item.n(1))
                .containsEntry("createdAt", Item.time(T0));
    }

    @Test
    void aSentTextIsFiledInTheConversationOnceExceptNotifysOwnWhichNotifyFilesItself() {
        String customer = "+1555" + String.format("%07d", Math.floorMod(UUID.randomUUID().hashCode(), 10_000_000));
        MessageRecords records = new MessageRecords(Emulators.shared().table());
        ActivityIndex index = new ActivityIndex(Emulators.shared().table());
        records.recordSent(new OutgoingText("notify:N-1", "notify-en-route", customer, Optional.of("+19045550200"),
                Optional.empty(), "On the way", "https://example.com/twilio/sms/status"), sid, "queued", T0);
        assertThat(index.timeline(customer, null, 10).events()).isEmpty();
        String other = "SM" + UUID.randomUUID().toString().replace("-", "");
        records.recordSent(new OutgoingText("missed-call:CA2", "missed-call", customer, Optional.of("+19045550200"),
                Optional.empty(), "Sorry we missed you", "https://example.com/twilio/sms/status"), other, "queued", T0);
        assertThat(index.timeline(customer, null, 10).events()).hasSize(1);
    }
}
