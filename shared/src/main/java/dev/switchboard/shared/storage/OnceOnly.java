package dev.switchboard.shared.storage;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * "Only the first delivery does this." Twilio redelivers webhooks and SQS redelivers jobs; a side effect
 * (a queue message, a text) guarded here happens once per scope and key within a TTL: a marker
 * {@code pk = ONCE#<scope>#<key>, sk = ONCE} is written conditionally first (this class is the owner of
 * those items), and given back when the side effect fails, so that a redelivery tries again.
 *
 * <p>Every guarded side effect goes through {@link #once}: claim, act, release on failure, with what to do
 * when the guard itself cannot be reached ({@link WhenUnavailable}) chosen by the caller. {@link #whileHeld}
 * is the same marker used as a short lease (released whatever happens).
 *
 * <p>Powertools for AWS Lambda's idempotency module (powertools-idempotency-dynamodb) does this job in
 * other projects, but this project's Maven mirror does not serve it; this is the small version, on the
 * same table as everything else.
 */
public final class OnceOnly {

    private static final Logger LOG = LoggerFactory.getLogger(OnceOnly.class);

    /** What {@link #once} does when the guard (the table) cannot be read or written. */
    public enum WhenUnavailable {
        /** Act anyway, unguarded: a duplicate is harmless, or the one who acts next dedupes (a worker). */
        ACT_UNGUARDED,
        /** Do nothing: a duplicate would do harm, and the miss is logged. */
        SKIP,
        /** Throw the guard's exception: the caller retries the whole thing (a queue worker). */
        THROW
    }

    /** What {@link #once} did. */
    public enum Outcome {
        /** Claimed the key and acted. */
        DONE,
        /** The guard was unavailable and the action ran without it ({@link WhenUnavailable#ACT_UNGUARDED}). */
        DONE_UNGUARDED,
        /** Someone claimed the key before: nothing done. */
        ALREADY_DONE,
        /** The guard was unavailable and nothing was done ({@link WhenUnavailable#SKIP}). */
        SKIPPED
    }

    /** Where the markers are kept: the table in Lambda, a map in tests. */
    public interface Markers {

        /**
         * Writes the marker unless a live one (younger than its TTL) exists.
         *
         * @return empty when written now; otherwise the attributes of the marker that was there
         */
        Optional<Map<String, String>> claim(String scope, String key, Duration ttl, Map<String, String> attributes);

        /** Forgets the marker. */
        void release(String scope, String key);
    }

    private final Markers markers;

    public OnceOnly(Markers markers) {
        this.markers = markers;
    }

    /** Markers in the table. */
    public OnceOnly(Table table, Clock clock) {
        this(new TableMarkers(table, clock));
    }

    /** True for the first caller with this scope and key (within {@code ttl}); false for every repeat. */
    public boolean first(String scope, String key, Duration ttl) {
        return markers.claim(scope, key, ttl, Map.of()).isEmpty();
    }

    /**
     * Like {@link #first}, leaving {@code attributes} on the marker for the callers after it.
     *
     * @return empty for the first caller; for a repeat, what the first one left
     */
    public Optional<Map<String, String>> claim(String scope, String key, Duration ttl, Map<String, String> attributes) {
        return markers.claim(scope, key, ttl, attributes);
    }

    /** Forgets a key, so that a side effect that failed after {@link #first} can be attempted again. */
    public void release(String scope, String key) {
        markers.release(scope, key);
    }

    /**
     * Runs {@code action} if this is the first time for this scope and key; releases the key when the
     * action throws (and rethrows), so a redelivery can try again.
     *
     * @param whenUnavailable what to do when the guard cannot be reached
     * @throws RuntimeException the action's failure, or the guard's with {@link WhenUnavailable#THROW}
     */
    public Outcome once(String scope, String key, Duration ttl, WhenUnavailable whenUnavailable, Runnable action) {
        boolean first;
        try {
            first = first(scope, key, ttl);
        } catch (RuntimeException e) {
            switch (whenUnavailable) {
                case ACT_UNGUARDED:
                    LOG.warn("Once-only guard {} {} unavailable ({}); acting without it", scope, key, e.getMessage());
                    action.run();
                    return Outcome.DONE_UNGUARDED;
                case SKIP:
                    LOG.error("Once-only guard {} {} unavailable ({}); not acting, so nothing is done twice", scope,
                            key, e.getMessage());
                    return Outcome.SKIPPED;
                default:
                    throw e;
            }
        }
        if (!first) {
            return Outcome.ALREADY_DONE;
        }
        try {
            action.run();
        } catch (RuntimeException e) {
            releaseQuietly(scope, key, "a redelivery will not act either");
            throw e;
        }
        return Outcome.DONE;
    }

    /**
     * Runs {@code action} while holding the key, released afterwards whatever happens (and lapsing by itself
     * after {@code ttl} if this process dies): one delivery at a time.
     *
     * @return false, without running it, when someone else holds the key
     */
    public boolean whileHeld(String scope, String key, Duration ttl, Runnable action) {
        if (!first(scope, key, ttl)) {
            return false;
        }
        try {
            action.run();
        } finally {
            releaseQuietly(scope, key, "it lapses in " + ttl.toMinutes() + " min");
        }
        return true;
    }

    private void releaseQuietly(String scope, String key, String consequence) {
        try {
            release(scope, key);
        } catch (RuntimeException e) {
            LOG.error("Once-only guard {} {} could not be released ({}); {}", scope, key, e.getMessage(), consequence);
        }
    }

    /** Markers {@code ONCE#<scope>#<key>}: a conditional put with a TTL. */
    private static final class TableMarkers implements Markers {
        private static final String SK = "ONCE";

        private final Table table;
        private final Clock clock;

        TableMarkers(Table table, Clock clock) {
            this.table = table;
            this.clock = clock;
        }

        @Override
        public Optional<Map<String, String>> claim(String scope, String key, Duration ttl, Map<String, String> attributes) {
            Map<String, AttributeValue> item = new HashMap<>();
            attributes.forEach((name, value) -> item.put(name, Item.s(value)));
            item.put("scope", Item.s(scope));
            item.put("createdAt", Item.time(clock.instant()));
            return table.putIfAbsent(pk(scope, key), SK, item, ttl, clock.instant()).map(existing -> {
                Map<String, String> values = new HashMap<>();
                existing.forEach((name, value) -> {
                    if (value.s() != null) {
                        values.put(name, value.s());
                    }
                });
                return values;
            });
        }

        @Override
        public void release(String scope, String key) {
            table.delete(pk(scope, key), SK);
        }

        private static String pk(String scope, String key) {
            return "ONCE#" + scope + "#" + key;
        }
    }
}
