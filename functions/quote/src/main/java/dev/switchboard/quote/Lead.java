package dev.switchboard.quote;

import dev.switchboard.shared.pricing.Estimate;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;

/**
 * A web quote turned into a lead: {@code LEAD#<id>} in the table, a CRM job, and maybe an estimate text.
 *
 * @param id        {@code Q-} and 20 random hex digits
 * @param createdAt when the request arrived
 */
public record Lead(String id, Instant createdAt, ValidQuote quote, Estimate estimate) {

    public static final String SOURCE = "web";
    public static final String NEW = "new";

    /** Created on first use, in a request: never part of a SnapStart snapshot shared by many containers. */
    private static final class Ids {
        static final SecureRandom RANDOM = new SecureRandom();
    }

    public static String newId() {
        byte[] bytes = new byte[10];
        Ids.RANDOM.nextBytes(bytes);
        return "Q-" + HexFormat.of().formatHex(bytes);
    }

    /**
     * Identifies the submission, so that the same form posted twice (a double click, a browser retry) is
     * one lead: every field the customer typed, normalised.
     */
    public String fingerprint() {
        StringBuilder all = new StringBuilder();
        append(all, quote.phone());
        append(all, quote.name().toLowerCase(java.util.Locale.ROOT));
        append(all, quote.email().orElse("").toLowerCase(java.util.Locale.ROOT));
        append(all, quote.service().toLowerCase(java.util.Locale.ROOT));
        append(all, quote.year().map(String::valueOf).orElse(""));
        append(all, quote.make().orElse(""));
        append(all, quote.model().orElse(""));
        append(all, quote.engine().orElse(""));
        append(all, quote.notes().orElse(""));
        append(all, Boolean.toString(quote.textOptIn()));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(all.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private static void append(StringBuilder all, String value) {
        // Length-prefixed, so that ("ab", "c") and ("a", "bc") differ.
        all.append(value.length()).append(':').append(value).append('|');
    }
}
