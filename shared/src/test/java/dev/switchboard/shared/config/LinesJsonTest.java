package dev.switchboard.shared.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LinesJsonTest {

    @Test
    void parsesTheSameTreeAsObjectMapper() throws Exception {
        String json = "{\"+19045550200\": {\"forwardTo\": \"+19045550177\", \"screen\": true, \"dialTimeout\": 25,"
                + " \"big\": 12345678901, \"huge\": 123456789012345678901234567890, \"ratio\": 0.5, \"none\": null,"
                + " \"hours\": {\"mon\": \"08:00-17:00\"}, \"holidays\": [\"2026-12-25\", 7, false, [1, {\"a\": \"é\"}]]}}";
        assertThat(LinesJson.parse(json)).isEqualTo(new ObjectMapper().readTree(json));
    }

    @Test
    void malformedJsonKeepsItsLineAndColumn() {
        assertThatThrownBy(() -> LinesJson.parse("{\n  \"a\": }")).isInstanceOf(JsonProcessingException.class)
                .satisfies(e -> assertThat(((JsonProcessingException) e).getLocation().getLineNr()).isEqualTo(2));
        assertThatThrownBy(() -> Lines.load(Settings.fromEnvironment(Map.of("LINES", "{\n\n  \"+19045550200\": [}"))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("LINES is not valid JSON (line 3");
    }

    @Test
    void anEmptyValueIsNoObject() throws Exception {
        assertThat(LinesJson.parse(" ")).isEqualTo(new ObjectMapper().readTree(" "));
        assertThat(LinesJson.textArray("2026-12-25", "2027-01-01")).isEqualTo(new ObjectMapper().readTree("[\"2026-12-25\", \"2027-01-01\"]"));
    }
}
