package dev.switchboard.shared.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.shared.testing.Emulators;
import dev.switchboard.shared.activity.ActivityEvent.Category;
import dev.switchboard.shared.activity.ActivityIndex.Feed;
import dev.switchboard.shared.activity.ActivityIndex.Page;
import dev.switchboard.shared.storage.Item;
import dev.switchboard.shared.storage.Table;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Against DynamoDB Local. The feed partitions are shared by every test using the shared table, so each test
 * reads the feed through a line of its own.
 */
class ActivityIndexTest {

    private static final Instant T0 = Instant.parse("2026-12-01T15:00:00Z");
    private final Table table = Emulators.shared().table();
    private final ActivityIndex index = new ActivityIndex(table);
    private String line;
    private String customer;
    private String other;

    @BeforeEach
    void numbers() {
        int n = Math.abs(UUID.randomUUID().hashCode()) % 1_000_000;
        line = String.format("+1904%07d", n);
        customer = String.format("+1305%07d", n);
        other = String.format("+1407%07d", n);
    }

    private String event(String pk, String body) {
        table.put(Map.of(Table.PK, Item.s(pk), Table.SK, Item.s("MSG"), "body", Item.s(body)));
        return pk;
    }

    private static List<String> pks(Page page) {
        return page.events().stream().map(e -> e.get(Table.PK).s()).toList();
    }

    @Test
    void eventsAreFiledNewestFirstUnderTheFeedTheirCategoryAndTheCustomer() {
        String missed = event("CALL#CA" + line, "missed");
        String text = event("MSG#SM" + line, "hi");
        String answered = event("CALL#CB" + line, "answered");
        index.record(ActivityEvent.inbound(missed, "MSG", customer, line, T0, Category.MISSED, true));
        index.record(ActivityEvent.inbound(text, "MSG", customer, line, T0.plusSeconds(60), Category.TEXT, true));
        index.record(ActivityEvent.inbound(answered, "MSG", other, line, T0.plusSeconds(120), Category.CALL, false));

        assertThat(pks(index.page(Feed.ALL, line, null, 50))).containsExactly(answered, text, missed);
        assertThat(pks(index.page(Feed.MISSED, line, null, 50))).containsExactly(missed);
        assertThat(pks(index.page(Feed.TEXTS, line, null, 50))).containsExactly(text);
        assertThat(pks(index.page(Feed.NEEDS_REPLY, line, null, 50))).containsExactly(text, missed);
        assertThat(pks(index.timeline(customer, null, 50))).containsExactly(text, missed);
        assertThat(table.get(text, "MSG").orElseThrow())
                .containsEntry("body", Item.s("hi"))
                .containsEntry("actType", Item.s("text"))
                .containsEntry("actContact", Item.s(customer))
                .containsEntry("actLine", Item.s(line))
                .containsEntry("actDirection", Item.s("inbound"))
                .containsEntry("actNeedsReply", Item.bool(true))
                .containsEntry("actAt", Item.s("2026-12-01T15:01:00.000Z"));
    }

    @Test
    void aMissedCallThatGetsAVoicemailMovesAndRecordingTwiceChangesNothing() {
        String call = event("CALL#CA" + line, "call");
        ActivityEvent missed = ActivityEvent.inbound(call, "MSG", customer, line, T0, Category.MISSED, true);
        index.record(missed);
        index.record(missed);
        index.record(ActivityEvent.inbound(call, "MSG", customer, line, T0, Category.VOICEMAIL, true));

        assertThat(pks(index.page(Feed.MISSED, line, null, 50))).isEmpty();
        assertThat(pks(index.page(Feed.VOICEMAIL, line, null, 50))).containsExactly(call);
        assertThat(pks(index.page(Feed.ALL, line, null, 50))).containsExactly(call);
        assertThat(pks(index.page(Feed.NEEDS_REPLY, line, null, 50))).containsExactly(call);
        assertThat(table.get(call, "MSG").orElseThrow()).containsEntry("actType", Item.s("voicemail"));
    }

    @Test
    void aCallOrTextFromTheBusinessClearsWhatWaitedBeforeItAndOnlyThat() {
        String first = event("MSG#SA" + line, "a");
        String second = event("MSG#SB" + line, "b");
        index.record(ActivityEvent.inbound(first, "MSG", customer, line, T0, Category.TEXT, true));
        index.record(ActivityEvent.inbound(second, "MSG", customer, line, T0.plusSeconds(600), Category.TEXT, true));

        assertThat(index.businessReplied(customer, T0.plusSeconds(300))).isEqualTo(1);

        assertThat(pks(index.page(Feed.NEEDS_REPLY, line, null, 50))).containsExactly(second);
        assertThat(table.get(first, "MSG").orElseThrow()).containsEntry("actNeedsReply", Item.bool(false));
        index.record(ActivityEvent.inbound(first, "MSG", customer, line, T0, Category.TEXT, true));
        assertThat(pks(index.page(Feed.NEEDS_REPLY, line, null, 50))).as("recorded again after the reply")
                .containsExactly(second);
        assertThat(index.waiting(customer)).hasSize(1);
    }

    @Test
    void doneLeavesNeedsReplyForGood() {
        String quote = event("LEAD#Q" + line, "quote");
        ActivityEvent event = ActivityEvent.inbound(quote, "MSG", customer, line, T0, Category.QUOTE, true);
        index.record(event);

        assertThat(index.markDone(quote, "MSG")).isTrue();
        index.record(event);

        assertThat(pks(index.page(Feed.NEEDS_REPLY, line, null, 50))).isEmpty();
        assertThat(pks(index.page(Feed.QUOTES, line, null, 50))).containsExactly(quote);
        assertThat(table.get(quote, "MSG").orElseThrow()).containsEntry("actDone", Item.bool(true));
        assertThat(index.markDone("LEAD#nothing" + line, "MSG")).isFalse();
    }

    @Test
    void pagesFollowOpaqueCursorsAndBadCursorsAreRefused() {
        for (int i = 0; i < 5; i++) {
            String pk = event("MSG#S" + i + line, "m" + i);
            index.record(ActivityEvent.outbound(pk, "MSG", customer, line, T0.plusSeconds(i), Category.TEXT,
                    Optional.of(other)));
        }
        Page first = index.timeline(customer, null, 2);
        Page second = index.timeline(customer, first.nextCursor().orElseThrow(), 2);
        Page third = index.timeline(customer, second.nextCursor().orElseThrow(), 2);

        assertThat(pks(first)).containsExactly("MSG#S4" + line, "MSG#S3" + line);
        assertThat(pks(second)).containsExactly("MSG#S2" + line, "MSG#S1" + line);
        assertThat(pks(third)).containsExactly("MSG#S0" + line);
        Map<String, AttributeValue> sent = first.events().get(0);
        assertThat(sent).containsEntry("actSentBy", Item.s(other)).containsEntry("actDirection", Item.s("outbound"))
                .containsEntry("actNeedsReply", Item.bool(false));

        assertThatThrownBy(() -> index.timeline(customer, "not a cursor!", 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> index.page(Feed.ALL, null, first.nextCursor().orElseThrow(), 2))
                .as("a timeline cursor on the feed").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> index.page(Feed.ALL, null, null, 201)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void idsAreUrlSafeAndReversible() {
        assertThat(ActivityIndex.idOf("CALL#CA123")).isEqualTo("CALL-CA123");
        assertThat(ActivityIndex.eventPkOf("LEAD-3f1c-22")).contains("LEAD#3f1c-22");
        assertThat(ActivityIndex.eventPkOf("../etc")).isEmpty();
        assertThat(ActivityIndex.eventPkOf(null)).isEmpty();
        assertThat(Feed.fromWireName("needs-reply")).contains(Feed.NEEDS_REPLY);
        assertThat(Feed.fromWireName("bogus")).isEmpty();
    }
}
