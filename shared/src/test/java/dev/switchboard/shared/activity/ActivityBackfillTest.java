package dev.switchboard.shared.activity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.shared.storage.Item;
import dev.switchboard.shared.storage.Table;
import dev.switchboard.shared.testing.Emulators;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Old items filed in the activity index, once, against DynamoDB Local. */
class ActivityBackfillTest {

    final Table table = Emulators.shared().table();

    void put(String pk, String sk, Map<String, AttributeValue> attributes) {
        Map<String, AttributeValue> item = new HashMap<>(Table.key(pk, sk));
        item.putAll(attributes);
        table.put(item);
    }

    @Test
    void oldCallsTextsAndQuotesAreFiledOnceAndStaffTextsAreNot() {
        String n = String.valueOf(System.nanoTime());
        String customer = "+1904555" + n.substring(n.length() - 4);
        String line = "+19045550200";
        put("CALL#CAbackfill" + n, "CALL", Map.of("from", Item.s(customer), "to", Item.s(line),
                "createdAt", Item.s("2026-01-02T10:00:00Z"), "endedAt", Item.s("2026-01-02T10:01:00Z"),
                "direction", Item.s("inbound"), "voicemailLeft", Item.bool(true)));
        put("MSG#SMbackfillin" + n, "MSG", Map.of("direction", Item.s("inbound"), "from", Item.s(customer),
                "to", Item.s(line), "keyword", Item.s("none"), "createdAt", Item.s("2026-01-02T11:00:00Z")));
        put("MSG#SMbackfillalert" + n, "MSG", Map.of("direction", Item.s("outbound"), "to", Item.s("+19045550177"),
                "from", Item.s(line), "kind", Item.s("alert-text"), "createdAt", Item.s("2026-01-02T11:00:01Z")));
        put("LEAD#backfill" + n, "LEAD", Map.of("createdAt", Item.s("2026-01-02T12:00:00Z"),
                "contact", AttributeValue.fromM(Map.of("phone", Item.s(customer)))));

        List<String> filed = new ArrayList<>();
        new ActivityBackfill(table).run(false, filed::add);
        assertThat(filed).contains("CALL#CAbackfill" + n + " voicemail", "MSG#SMbackfillin" + n + " text",
                "LEAD#backfill" + n + " quote").noneMatch(f -> f.contains("SMbackfillalert"));
        ActivityIndex.Page timeline = new ActivityIndex(table).timeline(customer, null, 10);
        assertThat(timeline.events()).extracting(e -> e.get(Table.PK).s()).containsExactly("LEAD#backfill" + n,
                "MSG#SMbackfillin" + n, "CALL#CAbackfill" + n);
        assertThat(new ActivityIndex(table).waiting(customer)).as("nothing old waits for a reply").isEmpty();

        List<String> again = new ArrayList<>();
        new ActivityBackfill(table).run(false, again::add);
        assertThat(again).noneMatch(f -> f.contains(n));
    }
}
