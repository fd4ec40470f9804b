package dev.switchboard.shared.calls;

import dev.switchboard.shared.storage.Item;
import dev.switchboard.shared.storage.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

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
        try {
            table.client().updateItem(UpdateItemRequest.builder()
                    .tableName(table.name())
                    .key(Table.key("PHONE#" + caller, SK))
                    .updateExpression("SET #callSid = :callSid, #claimedAt = :now,"
                            + " #claimedEpoch = :nowEpoch, #exp = :exp")
                    .conditionExpression("attribute_not_exists(#callSid) OR #callSid = :callSid"
                            + " OR #claimedEpoch <= :windowStart")
                    .expressionAttributeNames(Map.of("#callSid", "callSid", "#claimedAt", "claimedAt",
                            "#claimedEpoch", "claimedEpoch", "#exp", Table.TTL))
                    .expressionAttributeValues(Map.of(":callSid", Item.s(callSid), ":now", Item.time(now),
                            ":nowEpoch", Item.n(now.getEpochSecond()),
                            ":windowStart", Item.n(now.minus(window).getEpochSecond()),
                            ":exp", Item.expiresAt(now.plus(window))))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }
}
