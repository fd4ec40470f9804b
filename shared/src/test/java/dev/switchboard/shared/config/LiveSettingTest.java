package dev.switchboard.shared.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.shared.testing.EditableParameterStore;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LiveSettingTest {

    final EditableParameterStore store = new EditableParameterStore();

    @Test
    void linesFromSsmFollowAnEditAndKeepTheLastGoodOnesWhenTheEditIsMalformed() {
        store.parameters.put("/sb/lines", "{\"+19045550200\": {\"businessName\": \"Day Shop\"}}");
        Lines lines = Lines.load(new Settings(Env.of(Map.of("LINES_PARAMETER", "/sb/lines")), store));
        assertThat(lines.forNumber("+19045550200").businessName()).isEqualTo("Day Shop");

        store.parameters.put("/sb/lines", "{\"+19045550200\": {\"businessName\": \"Night Shop\"}}");
        assertThat(lines.forNumber("+19045550200").businessName()).isEqualTo("Night Shop");

        try (ErrorLines errors = new ErrorLines(LiveSetting.class)) {
            store.parameters.put("/sb/lines", "{\"+19045550200\": {\"businessName\": \"Broken\", \"oops\": 1}}");
            for (int i = 0; i < 5; i++) {
                assertThat(lines.forNumber("+19045550200").businessName()).isEqualTo("Night Shop");
            }
            assertThat(errors.lines()).hasSize(1).allSatisfy(line -> assertThat(line)
                    .startsWith("LINES changed").contains("last good value").doesNotContain("Broken", "oops"));
        }
        store.parameters.put("/sb/lines", "{\"+19045550200\": {\"businessName\": \"Fixed\"}}");
        assertThat(lines.forNumber("+19045550200").businessName()).isEqualTo("Fixed");
    }

    @Test
    void aMalformedValueAtColdStartStillStopsItWithOneLineNamingTheSetting() {
        store.parameters.put("/sb/lines", "{not json");
        assertThatThrownBy(() -> Lines.load(new Settings(Env.of(Map.of("LINES_PARAMETER", "/sb/lines")), store)))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("LINES is not valid JSON");
    }

    @Test
    void reParsesOnlyWhenTheRawValueChanged() {
        store.parameters.put("/sb/staff", "alice,bob");
        AtomicInteger parses = new AtomicInteger();
        LiveSetting<Integer> staff = new Settings(Env.of(Map.of("STAFF_PARAMETER", "/sb/staff")), store)
                .live("STAFF", raw -> {
                    parses.incrementAndGet();
                    return raw.split(",").length;
                });
        for (int i = 0; i < 10; i++) {
            assertThat(staff.get()).isEqualTo(2);
        }
        assertThat(parses).hasValue(1);
        store.parameters.put("/sb/staff", "alice,bob,carol");
        assertThat(staff.get()).isEqualTo(3);
        assertThat(staff.get()).isEqualTo(3);
        assertThat(parses).hasValue(2);
    }

    @Test
    void plainEnvironmentValuesAreConstantAndNeverReadAgain() {
        AtomicInteger parses = new AtomicInteger();
        LiveSetting<String> token = new Settings(Env.of(Map.of("TWILIO_AUTH_TOKEN", "env-token")), store)
                .live("TWILIO_AUTH_TOKEN", raw -> {
                    parses.incrementAndGet();
                    return raw;
                });
        for (int i = 0; i < 10; i++) {
            assertThat(token.get()).isEqualTo("env-token");
        }
        assertThat(parses).hasValue(1);
        assertThat(store.reads).hasValue(0);
    }

    @Test
    void aDeletedParameterOrAnUnreachableStoreKeepsTheLastValueWithOneError() {
        store.parameters.put("secret:sb/token", "first");
        LiveSetting<String> token = new Settings(Env.of(Map.of("TWILIO_AUTH_TOKEN_SECRET_ID", "sb/token")), store)
                .live("TWILIO_AUTH_TOKEN", raw -> raw);
        try (ErrorLines errors = new ErrorLines(LiveSetting.class)) {
            store.parameters.remove("secret:sb/token");
            assertThat(token.get()).isEqualTo("first");
            assertThat(token.get()).isEqualTo("first");
            store.parameters.put("secret:sb/token", "second");
            store.failure = new IllegalStateException("throttled");
            assertThat(token.get()).isEqualTo("first");
            assertThat(token.get()).isEqualTo("first");
            assertThat(errors.lines()).hasSize(2).allSatisfy(line -> assertThat(line).startsWith("TWILIO_AUTH_TOKEN")
                    .doesNotContain("first", "second"));
        }
        store.failure = null;
        assertThat(token.get()).isEqualTo("second");
    }
}
