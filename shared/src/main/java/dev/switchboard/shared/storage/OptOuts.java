package dev.switchboard.shared.storage;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Who must not be texted: {@code pk = PHONE#<E.164>, sk = OPTOUT} (this class writes them). {@code optedOut} follows STOP/START
 * (and Twilio's 21610); {@code unusable} is set when Twilio said the number cannot take texts (21211,
 * 21614). Every sender in the system asks {@link #canText} first.
 */
public final class OptOuts {

    public static final String SK = "OPTOUT";

    private final Table table;

    public OptOuts(Table table) {
        this.table = table;
    }

    public static String pk(String phone) {
        return "PHONE#" + phone;
    }

    public boolean isOptedOut(String phone) {
        return table.get(pk(phone), SK).map(item -> Item.flag(item, "optedOut")).orElse(false);
    }

    /** False when the number opted out or is known not to take texts. */
    public boolean canText(String phone) {
        Optional<Map<String, AttributeValue>> item = table.get(pk(phone), SK);
        return item.map(i -> !Item.flag(i, "optedOut") && !Item.flag(i, "unusable")).orElse(true);
    }

    public void optOut(String phone, String source, Instant now) {
        set(phone, "optedOut", true, source, now);
    }

    public void optIn(String phone, String source, Instant now) {
        set(phone, "optedOut", false, source, now);
    }

    public void markUnusable(String phone, String reason, Instant now) {
        set(phone, "unusable", true, reason, now);
    }

    private void set(String phone, String flag, boolean value, String source, Instant now) {
        table.update(Update.item(pk(phone), SK)
                .set(flag, value)
                .set(flag + "Source", source)
                .set("updatedAt", now)
                .set("phone", phone));
    }
}
