package dev.switchboard.alerts;

import dev.switchboard.shared.alerts.AlertSettings;
import dev.switchboard.shared.config.Lines;
import dev.switchboard.shared.config.LinesJson;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.jobs.AlertJob;
import dev.switchboard.shared.queue.JobSender;
import dev.switchboard.shared.sms.TextSender;
import dev.switchboard.shared.storage.OnceOnly;
import dev.switchboard.shared.testing.InMemoryOnceMarkers;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** The line, staff and settings the alert rules' tests share, and the rules wired on a fixed clock. */
final class AlertsFixture {

    static final String LINE = "+19045550200";
    static final String OWNER = "+19045550177";
    static final String HELPER = "+19045550178";
    static final String CUSTOMER = "+19045550123";
    static final Instant NOW = Instant.parse("2026-11-22T20:00:00Z");

    private AlertsFixture() {
    }

    /** One line alerting the owner and a helper by text and the owner by e-mail, missed calls included. */
    static Map<String, String> environment() {
        return new HashMap<>(Map.of(
                "TWILIO_FORWARD_TO", OWNER,
                "LINES", "{\"" + LINE + "\": {\"forwardTo\": \"" + OWNER + "\", \"alertTo\": [\"" + OWNER + "\", \""
                        + HELPER + "\"], \"alertEmail\": [\"owner@example.com\"], \"alerts\": {\"missedCall\": true},"
                        + " \"timeZone\": \"America/New_York\", \"businessName\": \"Mechanic St. Augustine\"}}",
                "ALERT_EMAIL_FROM", "alerts@example.com"));
    }

    static OwnerAlerts alerts(Map<String, String> environment, Predicate<String> isStaff, AlertStore store,
            TextSender texts, EmailSender emails, JobSender<AlertJob> retryQueue) {
        Settings settings = Settings.of(environment);
        Lines lines = Lines.load(settings);
        AlertSettings alertSettings = AlertSettings.parse(settings, lines, LinesJson.lineObjects(settings));
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        return new OwnerAlerts(lines, () -> alertSettings, isStaff, store, texts, emails,
                new OnceOnly(new InMemoryOnceMarkers(clock)), retryQueue, "https://phone.example.com",
                "https://phone.example.com/twilio/sms/status", Optional.empty(), clock);
    }
}
