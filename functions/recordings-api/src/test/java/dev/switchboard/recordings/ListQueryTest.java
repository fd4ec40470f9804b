package dev.switchboard.recordings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.shared.http.HttpProblem;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ListQueryTest {

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final Instant NOW = Instant.parse("2026-11-23T15:00:00Z");

    @Test
    void daysAreWholeDaysInTheBusinessTimeZone() {
        ListQuery query = ListQuery.parse(Map.of("from", "2026-11-01", "to", "2026-11-30"), NEW_YORK, NOW);
        assertThat(query.from()).isEqualTo(Instant.parse("2026-11-01T04:00:00Z"));
        assertThat(query.to()).isEqualTo(Instant.parse("2026-12-01T04:59:59.999Z"));
        assertThat(query.limit()).isEqualTo(ListQuery.DEFAULT_LIMIT);
    }

    @Test
    void instantsNumbersAndLimits() {
        ListQuery query = ListQuery.parse(Map.of("from", "2026-11-23T10:00:00Z", "number", "(904) 555-0123",
                "limit", "5", "cursor", "abc"), NEW_YORK, NOW);
        assertThat(query.from()).isEqualTo(Instant.parse("2026-11-23T10:00:00Z"));
        assertThat(query.number()).contains("+19045550123");
        assertThat(query.limit()).isEqualTo(5);
        assertThat(query.cursor()).contains("abc");
    }

    @Test
    void nonsenseIs400() {
        for (Map<String, String> bad : new Map[] {Map.of("from", "last week"), Map.of("limit", "0"),
                Map.of("limit", "1000"), Map.of("number", "call me"), Map.of("from", "2026-11-30", "to", "2026-11-01"),
                Map.of("form", "2026-11-01")}) {
            assertThatThrownBy(() -> ListQuery.parse(bad, NEW_YORK, NOW)).as(bad.toString()).isInstanceOf(HttpProblem.class);
        }
    }

    @Test
    void cursorsRoundTripAndForeignOnesAreRefused() {
        var key = Map.of("pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("REC#RE1"),
                "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("REC"),
                "gsi1pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("RECORDINGS"),
                "gsi1sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("2026-11-23T15:00:00.000Z#RE1"));
        assertThat(Cursors.decode(Cursors.encode(key))).isEqualTo(key);
        var foreign = new java.util.HashMap<>(key);
        foreign.put("gsi1pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("PHONE#+19045550123"));
        String forged = Cursors.encode(foreign);
        assertThatThrownBy(() -> Cursors.decode(forged)).isInstanceOf(HttpProblem.class);
        assertThatThrownBy(() -> Cursors.decode("not base64 at all!")).isInstanceOf(HttpProblem.class);
        assertThatThrownBy(() -> Cursors.decode("e30")).isInstanceOf(HttpProblem.class);
    }
}
