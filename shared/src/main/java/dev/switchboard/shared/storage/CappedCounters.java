package dev.switchboard.shared.storage;

import java.time.Instant;

/**
 * Counters that count only while below a limit, each its own item with attribute {@code count} and a
 * TTL: one conditional {@code ADD} per use, so concurrent callers can never push a counter past its limit.
 * The owner of every counter item: the quote form's rate limits ({@code RATE#<scope>#<key>}) and the daily
 * text cap ({@code PHONE#<E.164>}, {@code TEXTS#<day>}).
 */
public final class CappedCounters {

    private final Table table;

    public CappedCounters(Table table) {
        this.table = table;
    }

    /**
     * Adds one to the counter {@code (pk, sk)} if it is below {@code limit}.
     *
     * @param expiresAt when the counter may be deleted
     * @return false (and nothing counted) when the limit was already reached
     */
    public boolean incrementBelow(String pk, String sk, long limit, Instant expiresAt) {
        return table.update(Update.item(pk, sk)
                .add("count", 1)
                .expiresAt(expiresAt)
                .onlyIf(Condition.absent("count").or(Condition.lessThan("count", Item.n(limit)))));
    }
}
