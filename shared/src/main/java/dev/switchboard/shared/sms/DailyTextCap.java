package dev.switchboard.shared.sms;

import dev.switchboard.shared.storage.Item;
import dev.switchboard.shared.storage.Table;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * A cap on texts per recipient per UTC day across the whole system (an SMS-pumping guard): a counter item
 * {@code pk = PHONE#<E.164>, sk = TEXTS#<yyyy-MM-dd>} incremented only while below the cap, expiring after
 * two days.
 */
public final class DailyTextCap {

    private final Table table;
    private final int cap;

    public DailyTextCap(Table table, int cap) {
        this.table = table;
        this.cap = cap;
    }

    /** Counts one text to {@code phone}; false (and nothing counted) when today's cap is reached. */
    public boolean tryConsume(String phone, Instant now) {
        LocalDate day = now.atOffset(ZoneOffset.UTC).toLocalDate();
        try {
            table.client().updateItem(UpdateItemRequest.builder()
                    .tableName(table.name())
                    .key(Table.key("PHONE#" + phone, "TEXTS#" + day))
                    .updateExpression("ADD #count :one SET #exp = :exp")
                    .conditionExpression("attribute_not_exists(#count) OR #count < :cap")
                    .expressionAttributeNames(Map.of("#count", "count", "#exp", Table.TTL))
                    .expressionAttributeValues(Map.of(":one", Item.n(1), ":cap", Item.n(cap),
                            ":exp", Item.expiresAt(now.plus(Duration.ofDays(2)))))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }
}
