package dev.switchboard.alerts;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.shared.config.ConfigException;
import dev.switchboard.shared.testing.UnreachableAws;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A malformed staff or alert setting stops the cold start with one line naming it. */
class OwnerAlertsWiringTest {

    static Map<String, String> environment(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(UnreachableAws.environment());
        env.putAll(Map.of("PUBLIC_BASE_URL", "https://phone.example.com", "TABLE_NAME", "table",
                "QUEUE_URL", "http://127.0.0.1:9/000000000000/AlertQueue",
                "DEAD_LETTER_QUEUE_URL", "http://127.0.0.1:9/000000000000/AlertDeadLetterQueue",
                "SMS_QUEUE_URL", "http://127.0.0.1:9/000000000000/SmsQueue",
                "TWILIO_ACCOUNT_SID", "AC00000000000000000000000000000000", "TWILIO_AUTH_TOKEN", "token",
                "TWILIO_FORWARD_TO", "+19045550177"));
        env.putAll(extra);
        return env;
    }

    @Test
    void wiresWithTheDefaults() {
        assertThatCode(() -> new OwnerAlertsHandler(environment(Map.of()))).doesNotThrowAnyException();
        assertThatCode(() -> new DailySummaryHandler(environment(Map.of()))).doesNotThrowAnyException();
    }

    @Test
    void aMalformedSettingStopsTheColdStartNamingIt() {
        assertThatThrownBy(() -> new OwnerAlertsHandler(environment(Map.of("ALERTS", "{\"voicemail\": \"yes\"}"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ALERTS.voicemail");
        assertThatThrownBy(() -> new OwnerAlertsHandler(environment(Map.of("STAFF", "{\"0904\": {\"name\": \"Mike\"}}"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("STAFF");
        assertThatThrownBy(() -> new OwnerAlertsHandler(environment(Map.of("ALERT_EMAIL", "owner@example.com"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ALERT_EMAIL_FROM");
        assertThatThrownBy(() -> new DailySummaryHandler(environment(Map.of("LINES",
                "{\"+19045550200\": {\"summaryAt\": \"half past seven\"}}"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("summaryAt");
    }
}
