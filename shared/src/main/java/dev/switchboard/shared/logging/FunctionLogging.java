package dev.switchboard.shared.logging;

import com.amazonaws.services.lambda.runtime.Context;
import dev.switchboard.shared.config.Priming;
import java.util.function.Supplier;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * Powertools structured logging around one invocation (request id, cold start, function name), and the
 * invocation's own {@link LogFields} cleared at its end, so a warm container never lends one call's
 * {@code callSid} to the next.
 */
public final class FunctionLogging {

    private FunctionLogging() {
    }

    public static <T> T around(Context context, Supplier<T> invocation) {
        Supplier<T> clearing = () -> {
            if (Priming.active()) {
                LogFields.put("priming", "true");
            }
            try {
                return invocation.get();
            } finally {
                LogFields.clear();
            }
        };
        if (context == null) {
            return clearing.get();
        }
        return PowertoolsLogging.withLogging(context, clearing);
    }
}
