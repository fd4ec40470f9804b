package dev.switchboard.inbox;

import dev.switchboard.shared.storage.Condition;
import dev.switchboard.shared.storage.Item;
import dev.switchboard.shared.storage.Table;
import dev.switchboard.shared.storage.Update;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Sign-in codes, {@code pk = AUTHCODE#<E.164>, sk = AUTHCODE}: the one class that writes them. One code per
 * person at a time (a new one replaces the last), six digits, valid {@link #LIFETIME}, single use, at most
 * {@link #MAX_TRIES} tries, then burned. The table holds a salted SHA-256 of the code, never the code.
 */
public final class SignInCodes implements CodeStore {

    public static final String SK = "AUTHCODE";
    public static final Duration LIFETIME = Duration.ofMinutes(10);
    public static final int MAX_TRIES = 5;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Table table;

    public SignInCodes(Table table) {
        this.table = table;
    }

    static String pk(String phone) {
        return "AUTHCODE#" + phone;
    }

    /** Six random digits. */
    static String newCode() {
        return String.format("%06d", RANDOM.nextInt(1_000_000));
    }

    @Override
    public String issue(String phone, Instant now) {
        String code = newCode();
        byte[] saltBytes = new byte[16];
        RANDOM.nextBytes(saltBytes);
        String salt = HexFormat.of().formatHex(saltBytes);
        Map<String, AttributeValue> item = new HashMap<>(Table.key(pk(phone), SK));
        item.put("salt", Item.s(salt));
        item.put("codeHash", Item.s(hash(salt, phone, code)));
        item.put("tries", Item.n(0));
        item.put("createdAt", Item.time(now));
        item.put(Table.TTL, Item.expiresAt(now.plus(LIFETIME)));
        table.put(item);
        return code;
    }

    @Override
    public boolean redeem(String phone, String code, Instant now) {
        Optional<Map<String, AttributeValue>> stored = table.get(pk(phone), SK);
        if (stored.isEmpty()) {
            return false;
        }
        Map<String, AttributeValue> item = stored.get();
        String salt = Item.string(item, "salt").orElse("");
        long expires = Item.number(item, Table.TTL).orElse(0L);
        if (expires <= now.getEpochSecond()) {
            burn(phone, salt);
            return false;
        }
        // Count the try first, so that concurrent guesses cannot exceed MAX_TRIES between them.
        boolean counted = table.update(Update.item(pk(phone), SK).add("tries", 1)
                .onlyIf(Condition.equalTo("salt", Item.s(salt)).and(Condition.lessThan("tries", Item.n(MAX_TRIES)))));
        if (!counted) {
            burn(phone, salt);
            return false;
        }
        boolean matches = MessageDigest.isEqual(hash(salt, phone, code).getBytes(StandardCharsets.US_ASCII),
                Item.string(item, "codeHash").orElse("").getBytes(StandardCharsets.US_ASCII));
        if (matches) {
            // Single use: only the request that deletes it signs in.
            return burn(phone, salt);
        }
        if (Item.number(item, "tries").orElse(0L) + 1 >= MAX_TRIES) {
            burn(phone, salt);
        }
        return false;
    }

    /** Deletes this code (not a newer one); true when this call deleted it. */
    private boolean burn(String phone, String salt) {
        try {
            table.client().deleteItem(b -> b.tableName(table.name()).key(Table.key(pk(phone), SK))
                    .conditionExpression("#salt = :salt")
                    .expressionAttributeNames(Map.of("#salt", "salt"))
                    .expressionAttributeValues(Map.of(":salt", Item.s(salt))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    static String hash(String salt, String phone, String code) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((salt + "|" + phone + "|" + code).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
