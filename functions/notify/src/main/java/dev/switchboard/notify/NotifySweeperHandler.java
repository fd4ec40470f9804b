package dev.switchboard.notify;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.switchboard.shared.config.ColdStart;
import dev.switchboard.shared.config.Priming;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.logging.FunctionLogging;
import java.util.Map;

/**
 * The schedule's target (every minute, {@code NotifySweeperFunction}): sends the scheduled customer texts
 * that are due ({@link NotifySweeper}). The schedule's input ({@code {"scheduledTime": ...}}) is only logged:
 * what is due is decided on the function's clock.
 */
public class NotifySweeperHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final NotifySweeper sweeper;

    public NotifySweeperHandler() {
        this(System.getenv());
    }

    public NotifySweeperHandler(Map<String, String> environment) {
        this(ColdStart.wire("NotifySweeperFunction", () -> NotifyWiring.from(Settings.fromEnvironment(environment))).sweeper());
        Priming.register(this, scheduleEvent(), "notify-sweeper-schedule.json"); // SnapStart: answered before the snapshot
    }

    public NotifySweeperHandler(NotifySweeper sweeper) {
        this.sweeper = sweeper;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return FunctionLogging.around(context, () -> {
            NotifySweeper.Sweep sweep = sweeper.sweep();
            return Map.of("sent", sweep.sent(), "skipped", sweep.skipped(), "deferred", sweep.deferred());
        });
    }

    /** The scheduled event's type, for priming. */
    @SuppressWarnings("unchecked")
    private static Class<Map<String, Object>> scheduleEvent() {
        return (Class<Map<String, Object>>) (Class<?>) Map.class;
    }
}
