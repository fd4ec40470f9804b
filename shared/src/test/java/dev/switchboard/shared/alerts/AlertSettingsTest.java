package dev.switchboard.shared.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.shared.config.ConfigException;
import dev.switchboard.shared.config.Lines;
import dev.switchboard.shared.config.LinesJson;
import dev.switchboard.shared.config.Settings;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertSettingsTest {

    static AlertSettings parse(Map<String, String> env) {
        Settings settings = Settings.of(env);
        return AlertSettings.parse(settings, Lines.load(settings), LinesJson.lineObjects(settings));
    }

    @Test
    void defaultsAlertVoicemailsQuotesAndTextsToTheLinesForwardTo() {
        AlertSettings alerts = parse(Map.of("TWILIO_FORWARD_TO", "+19045550177",
                "LINES", "{\"+19045550200\": {\"forwardTo\": \"+19045550188\"}}"));
        AlertSettings.LineAlerts line = alerts.forLine("+19045550200");
        assertThat(line.kinds()).isEqualTo(AlertSettings.Kinds.DEFAULT);
        assertThat(line.kinds().missedCall()).isFalse();
        assertThat(line.alertTo()).containsExactly("+19045550188");
        assertThat(line.alertEmail()).isEmpty();
        assertThat(line.summaryAt()).isEmpty();
        assertThat(alerts.forLine("+19045559999").alertTo()).containsExactly("+19045550177");
    }

    @Test
    void lineKeysWinOverGlobals() {
        Map<String, String> env = new HashMap<>(Map.of("ALERTS", "{\"text\": false}", "ALERT_TO", "+19045550101, +19045550102",
                "ALERT_EMAIL", "a@example.com", "ALERT_EMAIL_FROM", "alerts@example.com",
                "LINES", "{\"+19045550200\": {\"alerts\": {\"missedCall\": true}, \"alertTo\": [\"+19045550103\"],"
                        + " \"alertEmail\": [\"b@example.com\"], \"summaryAt\": \"07:30\"}, \"+19045550300\": {}}"));
        AlertSettings alerts = parse(env);
        AlertSettings.LineAlerts own = alerts.forLine("+19045550200");
        assertThat(own.kinds()).isEqualTo(new AlertSettings.Kinds(true, true, false, true));
        assertThat(own.alertTo()).containsExactly("+19045550103");
        assertThat(own.alertEmail()).containsExactly("b@example.com");
        assertThat(own.summaryAt()).contains(LocalTime.of(7, 30));
        AlertSettings.LineAlerts global = alerts.forLine("+19045550300");
        assertThat(global.alertTo()).containsExactly("+19045550101", "+19045550102");
        assertThat(global.alertEmail()).containsExactly("a@example.com");
        assertThat(alerts.emailFrom()).contains("alerts@example.com");
    }

    @Test
    void malformedSettingsNameThemselves() {
        assertThatThrownBy(() -> parse(Map.of("LINES", "{\"+19045550200\": {\"alertTo\": [\"904-555\"]}}")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("LINES[+19045550200].alertTo");
        assertThatThrownBy(() -> parse(Map.of("LINES", "{\"+19045550200\": {\"alerts\": {\"voicemails\": true}}}")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("LINES[+19045550200].alerts")
                .hasMessageContaining("voicemails");
        assertThatThrownBy(() -> parse(Map.of("LINES", "{\"+19045550200\": {\"summaryAt\": \"7.30am\"}}")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("summaryAt");
        assertThatThrownBy(() -> parse(Map.of("ALERT_EMAIL", "owner@example.com")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ALERT_EMAIL_FROM");
        assertThatThrownBy(() -> parse(Map.of("ALERT_EMAIL", "not an address", "ALERT_EMAIL_FROM", "a@example.com")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ALERT_EMAIL");
        assertThatThrownBy(() -> parse(Map.of("ALERTS", "{nope")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ALERTS");
    }
}
