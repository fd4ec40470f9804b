package dev.switchboard.shared.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LinesTest {

    static Lines load(Map<String, String> env) {
        return Lines.load(Settings.of(env));
    }

    @Test
    void routesEachCalledNumberToItsLineAndOthersToTheGlobalSettings() {
        Lines lines = load(Map.of(
                "TWILIO_FORWARD_TO", "+19045550100",
                "TWILIO_CALLER_ID", "+19045550200",
                "BUSINESS_NAME", "Mechanic St. Augustine",
                "LINES", "{\"+19045550200\": {\"forwardTo\": \"+19045550177\", \"greeting\": \"Hi from {business}\","
                        + " \"callerId\": \"+19045550200\", \"businessName\": \"Mobile Mechanic\", \"dialTimeout\": 25}}"));
        Line line = lines.forNumber("+19045550200");
        assertThat(line.forwardTo()).contains("+19045550177");
        assertThat(line.businessName()).isEqualTo("Mobile Mechanic");
        assertThat(line.render(line.greeting(), "")).isEqualTo("Hi from Mobile Mechanic");
        assertThat(line.dialTimeoutSeconds()).isEqualTo(25);
        assertThat(line.recordMode()).isEqualTo("record-from-answer-dual");

        Line other = lines.forNumber("+18885550000");
        assertThat(other.forwardTo()).contains("+19045550100");
        assertThat(other.businessName()).isEqualTo("Mechanic St. Augustine");
        assertThat(other.dialTimeoutSeconds()).isEqualTo(20);
        assertThat(other.greeting()).contains("may be recorded");
        assertThat(lines.isBusinessNumber("+19045550200")).isTrue();
        assertThat(lines.isBusinessNumber("+19045550123")).isFalse();
    }

    @Test
    void malformedSettingsNameTheVariable() {
        assertThatThrownBy(() -> load(Map.of("LINES", "{not json"))).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("LINES is not valid JSON");
        assertThatThrownBy(() -> load(Map.of("LINES", "{\"9045550200\": {}}"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("E.164");
        assertThatThrownBy(() -> load(Map.of("LINES", "{\"+19045550200\": {\"forwardTo\": \"call me\"}}")))
                .hasMessageContaining("LINES[+19045550200].forwardTo");
        assertThatThrownBy(() -> load(Map.of("LINES", "{\"+19045550200\": {\"fowardTo\": \"+19045550177\"}}")))
                .hasMessageContaining("unknown key 'fowardTo'");
        assertThatThrownBy(() -> load(Map.of("TWILIO_FORWARD_TO", "904-555")))
                .hasMessageStartingWith("TWILIO_FORWARD_TO must be a phone number in E.164");
        assertThatThrownBy(() -> load(Map.of("LINES", "{\"+19045550200\": {\"timeZone\": \"Mars/Olympus\"}}")))
                .hasMessageContaining("unknown time zone");
        assertThatThrownBy(() -> load(Map.of("DIAL_TIMEOUT_SECONDS", "fast")))
                .hasMessageStartingWith("DIAL_TIMEOUT_SECONDS must be a whole number");
    }

    @Test
    void businessHoursFollowTheLinesTimeZoneAndHolidays() {
        Map<String, String> env = new HashMap<>();
        env.put("LINES", "{\"+19045550200\": {\"forwardTo\": \"+19045550177\", \"timeZone\": \"America/New_York\","
                + " \"hours\": {\"mon\": \"08:00-17:00\", \"fri\": [\"08:00-12:00\", \"13:00-17:00\"], \"sat\": \"22:00-02:00\"},"
                + " \"holidays\": [\"2026-11-26\"]}}");
        Line line = load(env).forNumber("+19045550200");
        ZoneId ny = ZoneId.of("America/New_York");
        assertThat(line.isOpen(ZonedDateTime.of(2026, 11, 23, 9, 0, 0, 0, ny))).isTrue();    // Monday
        assertThat(line.isOpen(ZonedDateTime.of(2026, 11, 23, 17, 0, 0, 0, ny))).isFalse();  // closes at 17:00
        assertThat(line.isOpen(ZonedDateTime.of(2026, 11, 23, 7, 59, 0, 0, ny))).isFalse();
        assertThat(line.isOpen(ZonedDateTime.of(2026, 11, 24, 10, 0, 0, 0, ny))).isFalse();  // Tuesday not listed
        assertThat(line.isOpen(ZonedDateTime.of(2026, 11, 27, 12, 30, 0, 0, ny))).isFalse(); // Friday lunch
        assertThat(line.isOpen(ZonedDateTime.of(2026, 11, 27, 13, 30, 0, 0, ny))).isTrue();
        assertThat(line.isOpen(ZonedDateTime.of(2026, 11, 28, 23, 0, 0, 0, ny))).isTrue();   // Saturday night
        assertThat(line.isOpen(ZonedDateTime.of(2026, 11, 29, 1, 0, 0, 0, ny))).isTrue();    // ...past midnight
        assertThat(line.isOpen(ZonedDateTime.of(2026, 11, 29, 2, 0, 0, 0, ny))).isFalse();
        // 14:00 UTC on a Monday is 09:00 in New York.
        assertThat(line.isOpen(ZonedDateTime.of(2026, 11, 23, 14, 0, 0, 0, ZoneId.of("UTC")))).isTrue();
        // A Monday that is a holiday... (2026-11-26 is a Thursday: add a Monday holiday to check)
        Map<String, String> holiday = Map.of("LINES", "{\"+19045550200\": {\"hours\": {\"mon\": \"08:00-17:00\"},"
                + " \"holidays\": [\"2026-11-23\"]}}");
        assertThat(load(holiday).forNumber("+19045550200").isOpen(ZonedDateTime.of(2026, 11, 23, 9, 0, 0, 0, ny))).isFalse();
    }

    @Test
    void noScheduleMeansAlwaysOpen() {
        Line line = load(Map.of()).forNumber("+19045550200");
        assertThat(line.schedule()).isEmpty();
        assertThat(line.isOpen(ZonedDateTime.of(2026, 12, 25, 3, 0, 0, 0, ZoneId.of("UTC")))).isTrue();
    }
}
