package dev.switchboard.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.emulators.HttpApiRoute;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouteTableTest {

    private static HttpApiRoute route(String fn, String method, String path) {
        return new HttpApiRoute(fn, fn + "Event", method, path, Optional.empty());
    }

    private final RouteTable table = new RouteTable(List.of(
            route("List", "GET", "/recordings"),
            route("One", "GET", "/recordings/{RecordingSid}"),
            route("Latest", "GET", "/recordings/latest"),
            route("Files", "ANY", "/files/{proxy+}"),
            route("QuotePost", "POST", "/quote"),
            route("QuoteGet", "GET", "/quote")));

    @Test
    void literalBeatsParameterAndExtractsParameters() {
        assertThat(table.match("GET", "/recordings/latest")).get()
                .isEqualTo(new RouteTable.Match(route("Latest", "GET", "/recordings/latest"), Map.of()));
        RouteTable.Match one = (RouteTable.Match) table.match("GET", "/recordings/RE123").orElseThrow();
        assertThat(one.route().functionLogicalId()).isEqualTo("One");
        assertThat(one.pathParameters()).containsEntry("RecordingSid", "RE123");
        RouteTable.Match files = (RouteTable.Match) table.match("DELETE", "/files/a/b%20c").orElseThrow();
        assertThat(files.pathParameters()).containsEntry("proxy", "a/b c");
    }

    @Test
    void knownPathOtherMethodIsMethodNotAllowed() {
        assertThat(table.match("DELETE", "/quote")).get()
                .isEqualTo(new RouteTable.MethodNotAllowed(List.of("GET", "POST")));
        assertThat(table.match("GET", "/nope")).isEmpty();
        assertThat(table.match("GET", "/recordings/")).isEmpty();
        assertThat(table.match("GET", "/files")).isEmpty();
    }

    @Test
    void defaultRouteCatchesTheRest() {
        RouteTable withDefault = new RouteTable(List.of(route("Health", "GET", "/health"),
                route("Fallback", "ANY", HttpApiRoute.DEFAULT_ROUTE)));
        assertThat(((RouteTable.Match) withDefault.match("POST", "/health").orElseThrow()).route().functionLogicalId())
                .isEqualTo("Fallback");
    }
}
