package dev.switchboard.crm.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code X-Switchboard-Signature: sha256=<hex>}: HMAC-SHA256 keyed with the webhook secret (its UTF-8
 * bytes) over the exact bytes of the request body, as lowercase hex. No timestamp is part of the signed
 * input; the body carries {@code sent_at} (signed with it) for receivers that reject old deliveries.
 */
public final class WebhookSigner {

    public static final String HEADER = "X-Switchboard-Signature";
    private static final String PREFIX = "sha256=";
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    public WebhookSigner(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("the webhook secret is empty");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    public String sign(byte[] body) {
        return PREFIX + HexFormat.of().formatHex(mac().doFinal(body));
    }

    /** The receiver's check, in constant time: what docs/crm.md shows in Python, Node and openssl. */
    public boolean verifies(byte[] body, String header) {
        if (header == null) {
            return false;
        }
        byte[] expected = sign(body).getBytes(StandardCharsets.US_ASCII);
        byte[] given = header.trim().getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given);
    }

    private Mac mac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "WebhookSigner[HmacSHA256]";
    }
}
