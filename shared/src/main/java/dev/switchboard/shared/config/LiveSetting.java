package dev.switchboard.shared.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A value derived from settings that follows their changes in SSM Parameter Store or Secrets Manager (see
 * {@link Settings#live}). {@link #get} re-reads the raw values it was derived from, through the store's
 * max-age cache, and derives again only when one of them changed. When the new values cannot be used (a
 * malformed {@code LINES}, a deleted required parameter) or cannot be read (SSM unreachable), the last good
 * value stays in use and one ERROR names the setting (never its value) until the values change again.
 * Derived only from plain environment values, it is a constant and {@link #get} does no work.
 */
public final class LiveSetting<T> implements Supplier<T> {

    /** One remote setting a derivation read, and the raw value it saw. */
    record Observed(String name, Optional<String> value) {
    }

    private record Derived<T>(T value, List<Observed> inputs) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(LiveSetting.class);

    private final Settings settings;
    private final Function<Settings, T> derive;
    private volatile Derived<T> current;
    /** The raw values last rejected: not derived (nor logged) again until they change. */
    private volatile List<Optional<String>> rejected;
    /** Whether the last re-read failed (logged once until one succeeds). */
    private volatile boolean readFailing;

    LiveSetting(Settings settings, Function<Settings, T> derive) {
        this.settings = settings;
        this.derive = derive;
        this.current = derive();
    }

    /** A constant, for tests and for callers that hold a fixed value where a live one is expected. */
    public static <T> LiveSetting<T> of(T value) {
        return new LiveSetting<>(Settings.of(java.util.Map.of()), s -> value);
    }

    @Override
    public T get() {
        Derived<T> derived = current;
        if (derived.inputs().isEmpty()) {
            return derived.value();
        }
        List<Optional<String>> now;
        try {
            now = new ArrayList<>();
            for (Observed input : derived.inputs()) {
                now.add(settings.reread(input.name()));
            }
        } catch (RuntimeException e) {
            if (!readFailing) {
                readFailing = true;
                LOG.error("{} could not be read again from SSM/Secrets Manager ({}); the last value read stays in use",
                        names(derived.inputs()), e.getClass().getSimpleName());
            }
            return derived.value();
        }
        readFailing = false;
        if (now.equals(values(derived.inputs())) || now.equals(rejected)) {
            return derived.value();
        }
        return refresh(derived, now);
    }

    private synchronized T refresh(Derived<T> seen, List<Optional<String>> now) {
        Derived<T> derived = current;
        if (derived != seen) {
            return derived.value();
        }
        try {
            current = derive();
            rejected = null;
            LOG.info("{} changed in SSM/Secrets Manager; the new value is in use", names(changed(derived.inputs(), now)));
            return current.value();
        } catch (RuntimeException e) {
            rejected = now;
            LOG.error("{} changed in SSM/Secrets Manager but the new value cannot be used ({}); the last good value"
                    + " stays in use until it is fixed (a cold start would fail on it)",
                    names(changed(derived.inputs(), now)), e instanceof ConfigException ? "invalid" : e.getClass().getSimpleName());
            return derived.value();
        }
    }

    private Derived<T> derive() {
        List<Observed> inputs = new ArrayList<>();
        T value = derive.apply(settings.observedBy(inputs));
        return new Derived<>(value, List.copyOf(inputs));
    }

    private static List<Optional<String>> values(List<Observed> inputs) {
        return inputs.stream().map(Observed::value).toList();
    }

    private static List<Observed> changed(List<Observed> inputs, List<Optional<String>> now) {
        List<Observed> changed = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            if (!inputs.get(i).value().equals(now.get(i))) {
                changed.add(inputs.get(i));
            }
        }
        return changed.isEmpty() ? inputs : changed;
    }

    private static String names(List<Observed> inputs) {
        Set<String> names = new LinkedHashSet<>();
        inputs.forEach(input -> names.add(input.name()));
        return String.join(", ", names);
    }
}
