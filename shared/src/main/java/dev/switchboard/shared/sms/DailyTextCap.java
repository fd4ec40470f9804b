package dev.switchboard.shared.sms;

import dev.switchboard.shared.storage.CappedCounters;
import dev.switchboard.shared.storage.Table;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * A cap on texts per recipient per UTC day across the whole system (an SMS-pumping guard): a counter item
 * {@code pk = PHONE#<E.164>, sk = TEXTS#<yyyy-MM-dd>} incremented only while below the cap, expiring after
 * two days.
 */
public final class DailyTextCap {

    private final CappedCounters counters;
    private final int cap;

    public DailyTextCap(Table table, int cap) {
        this.counters = new CappedCounters(table);
        this.cap = cap;
    }

    /** Counts one text to {@code phone}; false (and nothing counted) when today's cap is reached. */
    public boolean tryConsume(String phone, Instant now) {
        LocalDate day = now.atOffset(ZoneOffset.UTC).toLocalDate();
        return counters.incrementBelow("PHONE#" + phone, "TEXTS#" + day, cap, now.plus(Duration.ofDays(2)));
    }
}
