package dev.switchboard.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.shared.alerts.AlertSettings;
import dev.switchboard.shared.config.Lines;
import dev.switchboard.shared.config.LinesJson;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.sms.OutgoingText;
import dev.switchboard.shared.sms.SendResult;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The daily summary's timing (the line's time zone, once per local date) and wording. */
class DailySummaryTest {

    static final String LINE = "+19045550200";
    static final String OWNER = "+19045550177";

    final List<OutgoingText> texts = new ArrayList<>();
    final Set<String> keys = new HashSet<>();
    final List<Instant[]> asked = new ArrayList<>();

    DailySummary at(String instant) {
        Settings settings = Settings.of(Map.of("LINES", "{\"" + LINE + "\": {\"forwardTo\": \"" + OWNER
                + "\", \"summaryAt\": \"07:30\", \"timeZone\": \"America/New_York\", \"businessName\": \"Mechanic\"},"
                + " \"+19045550300\": {\"forwardTo\": \"" + OWNER + "\"}}"));
        Lines lines = Lines.load(settings);
        AlertSettings alerts = AlertSettings.parse(settings, lines, LinesJson.lineObjects(settings));
        return new DailySummary(lines, () -> alerts, (line, from, to, now) -> {
            asked.add(new Instant[] {from, to});
            return new DailySummary.Day(3, 1, 2, 2, new BigDecimal("170.5"), 1, List.of("Dave +1 904-555-0123"), 0);
        }, text -> {
            if (!keys.add(text.key())) {
                return new SendResult(SendResult.Status.DUPLICATE, Optional.of("SM1"), "sent");
            }
            texts.add(text);
            return new SendResult(SendResult.Status.SENT, Optional.of("SM" + texts.size()), "queued");
        }, "https://phone.example.com/twilio/sms/status", Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
    }

    @Test
    void nothingBeforeSummaryAtInTheLinesZoneThenOncePerDay() {
        assertThat(at("2026-11-23T12:29:00Z").run()).as("07:29 in New York").isZero();
        assertThat(at("2026-11-23T12:30:00Z").run()).isEqualTo(1);
        assertThat(at("2026-11-23T12:45:00Z").run()).as("again that day").isZero();
        assertThat(at("2026-11-24T04:00:00Z").run()).as("23:00 the same local day").isZero();
        assertThat(texts).singleElement().satisfies(text -> {
            assertThat(text.to()).isEqualTo(OWNER);
            assertThat(text.from()).contains(LINE);
            assertThat(text.body()).isEqualTo("Mechanic, Sun Nov 22: 3 calls answered, 1 missed, 2 voicemails; 2 quotes"
                    + " ($170.50, 1 without a price). Waiting for a callback: Dave +1 904-555-0123.");
        });
        assertThat(asked.get(0)[0]).isEqualTo(Instant.parse("2026-11-22T05:00:00Z"));
        assertThat(asked.get(0)[1]).isEqualTo(Instant.parse("2026-11-23T05:00:00Z"));
        assertThat(at("2026-11-24T12:30:00Z").run()).as("the next day").isEqualTo(1);
    }

    @Test
    void theWordingOfAQuietDay() {
        assertThat(DailySummary.text("Mechanic", LocalDate.of(2026, 11, 22),
                new DailySummary.Day(1, 0, 1, 0, BigDecimal.ZERO, 0, List.of(), 0)))
                .isEqualTo("Mechanic, Sun Nov 22: 1 call answered, 0 missed, 1 voicemail; 0 quotes. Nobody is waiting"
                        + " for a callback.");
        assertThat(DailySummary.text("Mechanic", LocalDate.of(2026, 11, 22),
                new DailySummary.Day(0, 7, 0, 0, BigDecimal.ZERO, 0, List.of("a", "b", "c", "d", "e"), 2)))
                .endsWith("Waiting for a callback: a, b, c, d, e and 2 more.");
    }
}
