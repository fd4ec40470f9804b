package dev.switchboard.quote;

import java.time.Instant;

/** Counters that only count while below a limit ({@code CappedCounters}: conditional updates with a TTL). */
public interface RateCounters {

    /**
     * Adds one to the counter {@code (pk, sk)} if it is below {@code limit}.
     *
     * @param expiresAt when the counter may be deleted
     * @return false (and nothing counted) when the limit was already reached
     */
    boolean incrementBelow(String pk, String sk, int limit, Instant expiresAt);
}
