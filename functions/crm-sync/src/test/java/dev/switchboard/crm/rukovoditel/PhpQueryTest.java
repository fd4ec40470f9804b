package dev.switchboard.crm.rukovoditel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Expected strings are what PHP 8's {@code http_build_query} returns for the same arrays (RFC 1738
 * encoding: brackets in keys as %5B/%5D, space as '+', '*' and '~' percent-encoded).
 */
class PhpQueryTest {

    @Test
    void nestedKeysAreBracketedAndTheBracketsPercentEncoded() {
        // http_build_query(['action' => 'insert', 'items' => [['field_201' => 'Jane Doe']]])
        String body = new PhpQuery().add("action", "insert")
                .add("items", List.of("0", "field_201"), "Jane Doe").encode();
        assertThat(body).isEqualTo("action=insert&items%5B0%5D%5Bfield_201%5D=Jane+Doe");
    }

    @Test
    void valuesAreEncodedLikePhpUrlencode() {
        assertThat(PhpQuery.urlencode("+19045550123")).isEqualTo("%2B19045550123");
        assertThat(PhpQuery.urlencode("a&b=c d")).isEqualTo("a%26b%3Dc+d");
        assertThat(PhpQuery.urlencode("*~-_.")).isEqualTo("%2A%7E-_.");
        assertThat(PhpQuery.urlencode("Café 2015 — “ok”")).isEqualTo("Caf%C3%A9+2015+%E2%80%94+%E2%80%9Cok%E2%80%9D");
        assertThat(PhpQuery.urlencode("line1\nline2")).isEqualTo("line1%0Aline2");
        assertThat(PhpQuery.urlencode("2026-11-23 13:04")).isEqualTo("2026-11-23+13%3A04");
        assertThat(PhpQuery.urlencode(null)).isEmpty();
    }

    @Test
    void pairsKeepTheirOrder() {
        PhpQuery query = new PhpQuery().add("b", "2").add("a", "1").add("data", List.of("field_9"), "x");
        assertThat(query.keys()).containsExactly("b", "a", "data[field_9]");
        assertThat(query.encode()).isEqualTo("b=2&a=1&data%5Bfield_9%5D=x");
    }
}
