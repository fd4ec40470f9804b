package dev.switchboard.shared.auth;

import dev.switchboard.shared.storage.Item;
import dev.switchboard.shared.storage.Table;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Staff sessions of the owner's inbox, the one class that writes them. A session id is 32 random bytes
 * (base64url) that only the browser holds (the {@code __Host-sb_session} cookie); the table keeps its
 * SHA-256, so a read of the table never yields a usable cookie:
 * <ul>
 *   <li>{@code pk = SESSION#<sha256(id)>, sk = SESSION}: {@code staff} (E.164), {@code createdAt},
 *       {@code expiresAt} (TTL, and checked on every read since DynamoDB deletes expired items lazily);</li>
 *   <li>{@code pk = STAFFSESSIONS#<E.164>, sk = <sha256(id)>}: the person's sessions, so that "sign out
 *       everywhere" finds and deletes them all.</li>
 * </ul>
 * Ids and their hashes never appear in a log line.
 */
public final class Sessions {

    public static final String SK = "SESSION";
    public static final Duration LIFETIME = Duration.ofDays(30);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A live session: whose it is and its key (the hash of its id). */
    public record Session(String staff, String hash, Instant expiresAt) {
    }

    private final Table table;

    public Sessions(Table table) {
        this.table = table;
    }

    public static String pk(String hash) {
        return "SESSION#" + hash;
    }

    public static String staffPk(String staff) {
        return "STAFFSESSIONS#" + staff;
    }

    /** A new session for {@code staff}; returns its id (the cookie value), never stored as such. */
    public String create(String staff, Instant now) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String hash = hash(id);
        Instant expires = now.plus(LIFETIME);
        Map<String, AttributeValue> index = new HashMap<>(Table.key(staffPk(staff), hash));
        index.put(Table.TTL, Item.expiresAt(expires));
        table.put(index);
        Map<String, AttributeValue> session = new HashMap<>(Table.key(pk(hash), SK));
        session.put("staff", Item.s(staff));
        session.put("createdAt", Item.time(now));
        session.put(Table.TTL, Item.expiresAt(expires));
        table.put(session);
        return id;
    }

    /** The live session with this id; empty for an unknown, malformed, revoked or expired one. */
    public Optional<Session> find(String id, Instant now) {
        if (id == null || !id.matches("[A-Za-z0-9_-]{43}")) {
            return Optional.empty();
        }
        String hash = hash(id);
        return table.get(pk(hash), SK).flatMap(item -> {
            Optional<Long> expires = Item.number(item, Table.TTL);
            Optional<String> staff = Item.string(item, "staff");
            if (expires.isEmpty() || staff.isEmpty() || expires.get() <= now.getEpochSecond()) {
                return Optional.empty();
            }
            return Optional.of(new Session(staff.get(), hash, Instant.ofEpochSecond(expires.get())));
        });
    }

    /** Ends one session (sign out here). */
    public void revoke(String staff, String hash) {
        table.delete(pk(hash), SK);
        table.delete(staffPk(staff), hash);
    }

    /** Ends every session of {@code staff} (sign out everywhere); returns how many there were. */
    public int revokeAll(String staff) {
        int count = 0;
        Map<String, AttributeValue> start = null;
        do {
            var response = table.client().query(b -> {
                b.tableName(table.name()).keyConditionExpression("#pk = :pk")
                        .expressionAttributeNames(Map.of("#pk", Table.PK))
                        .expressionAttributeValues(Map.of(":pk", Item.s(staffPk(staff)))).consistentRead(true);
            });
            List<Map<String, AttributeValue>> items = response.items();
            for (Map<String, AttributeValue> item : items) {
                String hash = item.get(Table.SK).s();
                table.delete(pk(hash), SK);
                table.delete(staffPk(staff), hash);
                count++;
            }
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return count;
    }

    static String hash(String id) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
