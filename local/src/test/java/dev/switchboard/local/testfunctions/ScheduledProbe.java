package dev.switchboard.local.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/**
 * Test-only: a scheduled function. Answers with the {@code scheduledTime} its Input carried and leaves it in a
 * system property (the one thing shared with the test across the function's own class loader).
 */
public class ScheduledProbe implements RequestHandler<Map<String, Object>, String> {

    public static final String LAST_FIRED = "switchboard.test.scheduledProbe.lastFired";

    public ScheduledProbe() {
    }

    public ScheduledProbe(Map<String, String> environment) {
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        String scheduledTime = String.valueOf(event.get("scheduledTime"));
        System.setProperty(LAST_FIRED, scheduledTime);
        return scheduledTime;
    }
}
