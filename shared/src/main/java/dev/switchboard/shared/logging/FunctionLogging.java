package dev.switchboard.shared.logging;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.function.Supplier;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/** Powertools structured logging around one invocation (request id, cold start, function name). */
public final class FunctionLogging {

    private FunctionLogging() {
    }

    public static <T> T around(Context context, Supplier<T> invocation) {
        if (context == null) {
            return invocation.get();
        }
        return PowertoolsLogging.withLogging(context, invocation);
    }
}
