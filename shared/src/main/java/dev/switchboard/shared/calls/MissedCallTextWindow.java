package dev.switchboard.shared.calls;

import dev.switchboard.shared.storage.Condition;
import dev.switchboard.shared.storage.Item;
import dev.switchboard.shared.storage.Table;
import dev.switchboard.shared.storage.Update;
import java.time.Duration;
import java.time.Instant;

/**
 * At most one missed-call text per caller within a window ({@code MISSED_CALL_TEXT_WINDOW_HOURS}): someone
 * who calls five times in a row gets one text, not five. One item per caller,
 * {@code pk = PHONE#<E.164>, sk = MISSEDCALLTEXT}, holding the call that took the window; claimed with a
 * conditional write, so two calls at once cannot both win. A redelivery for the same call keeps its claim
 * (and restarts the window from then: a few seconds at most).
 */
public final class MissedCallTextWindow {

    public static final String SK = "MISSEDCALLTEXT";

    private final Table table;
    private final Duration window;

    public MissedCallTextWindow(Table table, Duration window) {
        this.table = table;
        this.window = window;
    }

    public Duration window() {
        return window;
    }

    /** True when {@code callSid} may text {@code caller}: no other call texted them within the window. */
    public boolean claim(String caller, String callSid, Instant now) {
        if (window.isZero()) {
            return true;
        }
        return table.update(Update.item("PHONE#" + caller, SK)
                .set("callSid", callSid)
                .set("claimedAt", now)
                .set("claimedEpoch", now.getEpochSecond())
                .expiresAt(now.plus(window))
                .onlyIf(Condition.absent("callSid")
                        .or(Condition.equalTo("callSid", Item.s(callSid)))
                        .or(Condition.atMost("claimedEpoch", Item.n(now.minus(window).getEpochSecond())))));
    }
}
