package dev.switchboard.shared.testing;

import dev.switchboard.shared.storage.OnceOnly;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link OnceOnly}'s markers in a map, for the unit tests of services that guard their side effects: same
 * contract as the table's (a live marker blocks, an expired one does not), and a switch to make the guard
 * unavailable the way an unreachable table is.
 */
public final class InMemoryOnceMarkers implements OnceOnly.Markers {

    private record Marker(Instant expiresAt, Map<String, String> attributes) {
    }

    private final Map<String, Marker> markers = new ConcurrentHashMap<>();
    private final Clock clock;
    private RuntimeException outage;

    public InMemoryOnceMarkers(Clock clock) {
        this.clock = clock;
    }

    /** From now on every call throws {@code outage} (null: available again). */
    public void failWith(RuntimeException outage) {
        this.outage = outage;
    }

    public boolean holds(String scope, String key) {
        Marker marker = markers.get(scope + "#" + key);
        return marker != null && marker.expiresAt().isAfter(clock.instant());
    }

    @Override
    public Optional<Map<String, String>> claim(String scope, String key, Duration ttl, Map<String, String> attributes) {
        available();
        Instant now = clock.instant();
        Marker existing = markers.get(scope + "#" + key);
        if (existing != null && existing.expiresAt().isAfter(now)) {
            return Optional.of(existing.attributes());
        }
        markers.put(scope + "#" + key, new Marker(now.plus(ttl), new HashMap<>(attributes)));
        return Optional.empty();
    }

    @Override
    public void release(String scope, String key) {
        available();
        markers.remove(scope + "#" + key);
    }

    private void available() {
        if (outage != null) {
            throw outage;
        }
    }
}
