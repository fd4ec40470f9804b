package dev.switchboard.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.emulators.IntrinsicResolver;
import dev.switchboard.emulators.ScheduleEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Fires the template's {@code ScheduleV2}/{@code Schedule} events while the stack runs, as EventBridge
 * Scheduler would: each {@code rate(...)} schedule on its period, on {@link LocalClock}'s time (checked once a
 * second), with its {@code Input} as the event and {@code <aws.scheduler.scheduled-time>} replaced by the
 * firing time. After the clock is moved forward a schedule fires once, not once per period it skipped (the
 * functions decide from the time which work is due). {@code cron(...)} and {@code at(...)} are not fired
 * locally (say so at start); {@link #fire} runs any schedule on demand.
 */
final class LocalScheduler implements AutoCloseable {

    static final String SCHEDULED_TIME = "<aws.scheduler.scheduled-time>";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final class Entry {
        final ScheduleEvent event;
        final Optional<Duration> period;
        Instant next;

        Entry(ScheduleEvent event, Optional<Duration> period, Instant now) {
            this.event = event;
            this.period = period;
            this.next = period.map(now::plus).orElse(null);
        }
    }

    private final List<Entry> entries = new ArrayList<>();
    private final IntrinsicResolver resolver;
    private final Function<String, LambdaFunction> functions;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "local-scheduler");
        t.setDaemon(true);
        return t;
    });

    LocalScheduler(List<ScheduleEvent> schedules, IntrinsicResolver resolver, Function<String, LambdaFunction> functions) {
        this.resolver = resolver;
        this.functions = functions;
        Instant now = LocalClock.now();
        for (ScheduleEvent schedule : schedules) {
            String expression = resolver.resolveString(schedule.expression());
            entries.add(new Entry(schedule, ScheduleEvent.ratePeriod(expression), now));
        }
    }

    /** One line per schedule for the start-up summary. */
    List<String> describe() {
        List<String> lines = new ArrayList<>();
        for (Entry e : entries) {
            String expression = resolver.resolveString(e.event.expression());
            lines.add(e.event.functionLogicalId() + " <- " + expression + (!e.event.enabled() ? " (disabled)"
                    : e.period.isEmpty() ? " (not fired locally: invoke it)" : ""));
        }
        return lines;
    }

    void start() {
        ticker.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    private void tick() {
        Instant now = LocalClock.now();
        for (Entry e : entries) {
            if (e.event.enabled() && e.next != null && !now.isBefore(e.next)) {
                e.next = now.plus(e.period.orElseThrow());
                try {
                    invoke(e.event, now);
                } catch (RuntimeException failure) {
                    // As Scheduler would retry and then give up: the error is in the function's log.
                    ConsoleLog.error(e.event.functionLogicalId(), "scheduled invocation failed", failure);
                }
            }
        }
    }

    /** Fires the function's schedule now (its first one when it has several); the function's response. */
    Object fire(String functionLogicalId) {
        for (Entry e : entries) {
            if (e.event.functionLogicalId().equals(functionLogicalId)) {
                return invoke(e.event, LocalClock.now());
            }
        }
        throw new IllegalArgumentException(functionLogicalId + " has no ScheduleV2 or Schedule event");
    }

    /** The event a schedule delivers at {@code at}: its Input with the scheduled time, or {@code {}}. */
    static Object eventFor(String input, Instant at) {
        if (input == null || input.isBlank()) {
            return new LinkedHashMap<String, Object>();
        }
        String text = input.replace(SCHEDULED_TIME, at.truncatedTo(ChronoUnit.SECONDS).toString());
        try {
            return JSON.readValue(text, Object.class);
        } catch (java.io.IOException e) {
            return text; // a plain-string Input arrives as a JSON string
        }
    }

    private Object invoke(ScheduleEvent schedule, Instant at) {
        LambdaFunction function = functions.apply(schedule.functionLogicalId());
        if (function == null) {
            return null;
        }
        String input = schedule.input().map(resolver::resolveString).orElse(null);
        return function.invoke(eventFor(input, at));
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
