package dev.switchboard.local;

import java.time.Duration;
import java.util.Optional;

/**
 * One finished handler invocation, as reported to an {@link InvocationListener}.
 *
 * @param event the {@code APIGatewayV2HTTPEvent} or {@code SQSEvent} the handler received
 * @param response what it returned (null if it threw)
 * @param error what it threw, if anything
 */
public record Invocation(String functionLogicalId, String requestId, Object event, Object response,
        Optional<Throwable> error, Duration duration) {
}
