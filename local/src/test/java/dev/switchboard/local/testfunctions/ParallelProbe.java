package dev.switchboard.local.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test-only: each invocation holds on until {@code ?together=N} invocations of the function run at once (5 s
 * at most), and answers which instance served it and how many ran at once at most. An instance invoked
 * while busy answers 500.
 */
public class ParallelProbe implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final AtomicInteger IN_FLIGHT = new AtomicInteger();
    private static final AtomicInteger MOST_AT_ONCE = new AtomicInteger();

    private final AtomicBoolean busy = new AtomicBoolean();

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        if (!busy.compareAndSet(false, true)) {
            return APIGatewayV2HTTPResponse.builder().withStatusCode(500).withBody("instance invoked while busy").build();
        }
        try {
            int together = Integer.parseInt(event.getQueryStringParameters().getOrDefault("together", "1"));
            MOST_AT_ONCE.accumulateAndGet(IN_FLIGHT.incrementAndGet(), Math::max);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (IN_FLIGHT.get() < together && MOST_AT_ONCE.get() < together && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            IN_FLIGHT.decrementAndGet();
            return APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                    .withBody(System.identityHashCode(this) + " " + MOST_AT_ONCE.get()).build();
        } finally {
            busy.set(false);
        }
    }
}
