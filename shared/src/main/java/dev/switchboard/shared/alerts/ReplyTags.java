package dev.switchboard.shared.alerts;

import dev.switchboard.shared.storage.Condition;
import dev.switchboard.shared.storage.Item;
import dev.switchboard.shared.storage.Table;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reply tags: a short code per customer per line ({@code #K7}) that starts every alert about the customer,
 * so staff answer by texting {@code #K7 message} to the line. Two characters from an alphabet without the
 * look-alikes ({@code 0/O}, {@code 1/I/L}); three once two-character tags run out on a line. Stable: a
 * customer keeps their tag on a line for good.
 * <p>Items (written only here): {@code TAG#<line>#<tag>} / {@code TAG} → {@code customer}, and its twin
 * {@code CONTACT#<customer>} / {@code TAG#<line>} → {@code tag}.
 */
public final class ReplyTags {

    public static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    /** A tag at the start of a staff text: {@code #K7}, any case, then a space or the end. */
    private static final Pattern LEADING_TAG = Pattern.compile("^\\s*#([0-9A-Za-z]{1,6})(?:\\s+|$)(.*)$", Pattern.DOTALL);
    /** How many two-character tags are tried before three-character ones. */
    static final int TWO_CHAR_TRIES = 40;
    static final int THREE_CHAR_TRIES = 40;

    private final Table table;

    public ReplyTags(Table table) {
        this.table = table;
    }

    /** A staff text split into its tag (upper case) and the message after it, when it starts with a tag. */
    public record Tagged(String tag, String message) {
    }

    /** {@code #k7 on my way} → tag {@code K7}, message {@code on my way}; empty when it does not start with a tag. */
    public static Optional<Tagged> split(String body) {
        if (body == null) {
            return Optional.empty();
        }
        Matcher m = LEADING_TAG.matcher(body);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Tagged(m.group(1).toUpperCase(Locale.ROOT), m.group(2).strip()));
    }

    /** Whether {@code tag} could be a tag at all (2-3 characters of the alphabet). */
    public static boolean wellFormed(String tag) {
        if (tag == null || tag.length() < 2 || tag.length() > 3) {
            return false;
        }
        return tag.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0);
    }

    static String tagPk(String line, String tag) {
        return "TAG#" + line + "#" + tag;
    }

    static String contactPk(String customer) {
        return "CONTACT#" + customer;
    }

    /** The customer a tag names on a line. */
    public Optional<String> customer(String line, String tag) {
        if (!wellFormed(tag)) {
            return Optional.empty();
        }
        return table.get(tagPk(line, tag), "TAG").flatMap(item -> Item.string(item, "customer"));
    }

    /** The customer's tag on a line, made now when they have none. */
    public String tagFor(String line, String customer, Instant now) {
        Optional<String> existing = existing(line, customer);
        if (existing.isPresent()) {
            return existing.get();
        }
        for (String candidate : candidates(line, customer)) {
            Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item = new HashMap<>();
            item.put("customer", Item.s(customer));
            item.put("line", Item.s(line));
            item.put("createdAt", Item.time(now));
            if (table.putIfAbsent(tagPk(line, candidate), "TAG", item, null, now).isPresent()) {
                continue;
            }
            Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> twin = new HashMap<>(
                    Table.key(contactPk(customer), "TAG#" + line));
            twin.put("tag", Item.s(candidate));
            twin.put("line", Item.s(line));
            twin.put("createdAt", Item.time(now));
            if (table.putIf(twin, Condition.absent(Table.PK))) {
                return candidate;
            }
            // Another delivery tagged this customer at the same moment: theirs stands, ours is given back.
            table.delete(tagPk(line, candidate), "TAG");
            return existing(line, customer).orElseThrow(() -> new IllegalStateException("tag vanished"));
        }
        throw new IllegalStateException("no free reply tag on line " + line);
    }

    private Optional<String> existing(String line, String customer) {
        return table.get(contactPk(customer), "TAG#" + line).flatMap(item -> Item.string(item, "tag"));
    }

    /**
     * The tags tried for a customer, in order: a sequence seeded by the customer and line (so the same
     * customer tends to get the same tag on a fresh table), two characters first, then three.
     */
    static Iterable<String> candidates(String line, String customer) {
        byte[] seed = sha256(line + "|" + customer);
        java.util.List<String> tags = new java.util.ArrayList<>();
        java.util.Random random = new java.util.Random(java.nio.ByteBuffer.wrap(seed).getLong());
        int n = ALPHABET.length();
        for (int i = 0; i < TWO_CHAR_TRIES; i++) {
            tags.add("" + ALPHABET.charAt(random.nextInt(n)) + ALPHABET.charAt(random.nextInt(n)));
        }
        for (int i = 0; i < THREE_CHAR_TRIES; i++) {
            tags.add("" + ALPHABET.charAt(random.nextInt(n)) + ALPHABET.charAt(random.nextInt(n))
                    + ALPHABET.charAt(random.nextInt(n)));
        }
        return tags;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
