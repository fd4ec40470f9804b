package dev.switchboard.alerts;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.switchboard.shared.activity.ActivityIndex;
import dev.switchboard.shared.alerts.AlertSettings;
import dev.switchboard.shared.config.ColdStart;
import dev.switchboard.shared.config.Lines;
import dev.switchboard.shared.config.LiveSetting;
import dev.switchboard.shared.config.Priming;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.config.Staff;
import dev.switchboard.shared.contacts.ContactProfiles;
import dev.switchboard.shared.logging.FunctionLogging;
import dev.switchboard.shared.queue.SqsClients;
import dev.switchboard.shared.sms.OutboundTexts;
import dev.switchboard.shared.storage.DynamoDbClients;
import dev.switchboard.shared.storage.Table;
import dev.switchboard.shared.voice.CallbackUrls;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * {@code DailySummaryFunction}: run by EventBridge Scheduler every 15 minutes ({@code ScheduleV2}); sends each
 * line's daily summary once, after its {@code summaryAt} ({@link DailySummary}). Answers {@code {"sent": n}}.
 */
public class DailySummaryHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final DailySummary summary;

    /** Lambda's constructor: wires everything from the process environment once per container. */
    public DailySummaryHandler() {
        this(System.getenv());
    }

    /** Wires the real clients from {@code environment} (the local stack hands each function its own). */
    public DailySummaryHandler(Map<String, String> environment) {
        this(ColdStart.wire("DailySummaryFunction", () -> wire(Settings.fromEnvironment(environment))));
        Priming.register(this, scheduleEvent(), "daily-summary-schedule.json"); // SnapStart: answered before the snapshot
    }

    public DailySummaryHandler(DailySummary summary) {
        this.summary = summary;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return FunctionLogging.around(context, () -> Map.of("sent", summary.run()));
    }

    private static DailySummary wire(Settings settings) {
        Clock clock = settings.clock();
        Table table = new Table(DynamoDbClients.create(settings.aws(), Duration.ofSeconds(5)),
                settings.required("TABLE_NAME"));
        Lines lines = Lines.load(settings);
        LiveSetting<AlertSettings> alertSettings = AlertSettings.load(settings, lines);
        Staff staff = Staff.load(settings, lines);
        OutboundTexts texts = OutboundTexts.fromSettings(settings, table, SqsClients.create(settings.aws(),
                Duration.ofSeconds(5)), number -> lines.isBusinessNumber(number) || staff.isStaff(number), clock);
        return new DailySummary(lines, alertSettings::get,
                DailySummary.of(new ActivityIndex(table), new ContactProfiles(table)), texts,
                new CallbackUrls(settings.baseUrl("PUBLIC_BASE_URL")).smsStatus(), clock);
    }

    /** The scheduled event's type, for priming. */
    @SuppressWarnings("unchecked")
    private static Class<Map<String, Object>> scheduleEvent() {
        return (Class<Map<String, Object>>) (Class<?>) Map.class;
    }
}
