package dev.switchboard.shared.storage;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * "Only the first delivery does this": a conditional write of {@code pk = ONCE#<scope>#<key>, sk = ONCE}
 * with a TTL. Twilio redelivers webhooks and SQS redelivers jobs; a side effect (a queue message, a text)
 * guarded by {@link #first} happens once per key within the TTL.
 */
public final class OnceOnly {

    private final Table table;
    private final Clock clock;

    public OnceOnly(Table table, Clock clock) {
        this.table = table;
        this.clock = clock;
    }

    /** True for the first caller with this scope and key (within {@code ttl}); false for every repeat. */
    public boolean first(String scope, String key, Duration ttl) {
        return table.putIfAbsent("ONCE#" + scope + "#" + key, "ONCE",
                Map.of("scope", Item.s(scope), "createdAt", Item.time(clock.instant())), ttl, clock.instant()).isEmpty();
    }

    /** Forgets a key, so that a side effect that failed after {@link #first} can be attempted again. */
    public void release(String scope, String key) {
        table.client().deleteItem(b -> b.tableName(table.name()).key(Table.key("ONCE#" + scope + "#" + key, "ONCE")));
    }
}
