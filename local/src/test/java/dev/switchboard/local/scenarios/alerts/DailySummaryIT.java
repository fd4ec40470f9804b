package dev.switchboard.local.scenarios.alerts;

import static dev.switchboard.local.scenarios.alerts.AlertStack.HELPER;
import static dev.switchboard.local.scenarios.alerts.AlertStack.OWNER;
import static dev.switchboard.local.scenarios.alerts.AlertStack.awaitAtLeast;
import static dev.switchboard.local.scenarios.alerts.AlertStack.newPhone;
import static dev.switchboard.local.scenarios.alerts.AlertStack.newSid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.local.LocalClock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The daily summary on the local stack's movable clock: a customer's missed call today, then the clock moved
 * to 07:45 tomorrow in the line's time zone; the summary (fired by the local scheduler after the jump and on
 * demand) names the call and the customer still waiting, once per staff member.
 */
class DailySummaryIT {

    static final ZoneId ZONE = ZoneId.of("America/New_York");
    static AlertStack env;

    @BeforeAll
    static void start() {
        LocalClock.reset();
        env = AlertStack.start(Map.of("LINES", "{\"" + AlertStack.LINE + "\": {\"forwardTo\": \"" + OWNER
                        + "\", \"alertTo\": [\"" + OWNER + "\", \"" + HELPER + "\"], \"summaryAt\": \"07:30\","
                        + " \"timeZone\": \"America/New_York\", \"businessName\": \"Mechanic St. Augustine\"}}"),
                List.of("IncomingCallFunction", "CallStatusFunction", "DailySummaryFunction", "SmsSenderFunction"));
    }

    @AfterAll
    static void stop() {
        try {
            if (env != null) {
                env.close();
            }
        } finally {
            LocalClock.reset();
        }
    }

    @Test
    void tomorrowMorningsSummaryNamesTheCustomerStillWaitingOnce() {
        String customer = newPhone();
        String callSid = newSid("CA");
        env.call(callSid, customer);
        env.callEnded(callSid, customer);
        AlertStack.await("the missed call in the feed", 30, () -> env.item("CALL#" + callSid, "CALL")
                .filter(c -> "missed".equals(AlertStack.s(c, "actCategory"))));

        LocalDate today = LocalDate.ofInstant(Instant.now(), ZONE);
        Instant tomorrowMorning = ZonedDateTime.of(today.plusDays(1).atTime(7, 45), ZONE).toInstant();
        LocalClock.setNow(tomorrowMorning);
        env.stack.fireSchedule("DailySummaryFunction");

        String human = "+1 904-555-" + customer.substring(8);
        List<Map<String, Object>> summaries = awaitAtLeast("the owner's summary", 1,
                () -> env.textsTo(OWNER, "Waiting for a callback"));
        assertThat(summaries).singleElement().satisfies(text -> {
            assertThat(String.valueOf(text.get("body"))).startsWith("Mechanic St. Augustine, ")
                    .contains("1 missed").contains(human);
            assertThat(text.get("from")).isEqualTo(AlertStack.LINE);
        });
        assertThat(awaitAtLeast("the helper's summary", 1, () -> env.textsTo(HELPER, "Waiting for a callback"))).hasSize(1);

        env.stack.fireSchedule("DailySummaryFunction");
        env.awaitQueueEmpty("SmsQueue");
        assertThat(env.textsTo(OWNER, "Waiting for a callback")).hasSize(1);
    }
}
