package dev.switchboard.notify;

import dev.switchboard.shared.config.ConfigException;
import dev.switchboard.shared.config.Settings;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Who may call {@code /api/notify}: {@code Authorization: Bearer <NOTIFY_TOKEN>}, or a request signed with
 * {@code NOTIFY_SECRET}: {@code X-Switchboard-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret,
 * "<t>.<raw body>")>} made within {@link #TOLERANCE} of now (either way). Both compared in constant time;
 * either may be unset (then that style is refused). Plain rules, no I/O.
 */
public final class NotifyAuth {

    public static final int MIN_LENGTH = 16;
    public static final Duration TOLERANCE = Duration.ofMinutes(5);
    public static final String SIGNATURE_HEADER = "x-switchboard-signature";

    /** Why a request was refused (logged, never told to the caller). */
    public enum Verdict { OK, NO_CREDENTIALS, WRONG_TOKEN, BAD_SIGNATURE, STALE_SIGNATURE, NOT_CONFIGURED }

    private final Optional<byte[]> tokenDigest;
    private final Optional<byte[]> secret;

    public NotifyAuth(Optional<String> token, Optional<String> secret) {
        this.tokenDigest = token.map(NotifyAuth::sha256);
        this.secret = secret.map(s -> s.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code NOTIFY_TOKEN} and {@code NOTIFY_SECRET} (SSM in AWS); one shorter than 16 characters fails the cold start. */
    public static NotifyAuth fromSettings(Settings settings) {
        Optional<String> token = settings.optional("NOTIFY_TOKEN");
        Optional<String> secret = settings.optional("NOTIFY_SECRET");
        token.filter(t -> t.length() < MIN_LENGTH).ifPresent(t -> {
            throw new ConfigException("NOTIFY_TOKEN must be at least " + MIN_LENGTH + " characters (e.g. openssl rand -hex 32)");
        });
        secret.filter(s -> s.length() < MIN_LENGTH).ifPresent(s -> {
            throw new ConfigException("NOTIFY_SECRET must be at least " + MIN_LENGTH + " characters (e.g. openssl rand -hex 32)");
        });
        return new NotifyAuth(token, secret);
    }

    public boolean configured() {
        return tokenDigest.isPresent() || secret.isPresent();
    }

    public Verdict check(Optional<String> authorization, Optional<String> signature, byte[] body, Instant now) {
        if (!configured()) {
            return Verdict.NOT_CONFIGURED;
        }
        Optional<String> bearer = authorization.map(String::trim)
                .filter(h -> h.length() > 7 && h.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer "))
                .map(h -> h.substring(7).trim());
        if (bearer.isPresent()) {
            byte[] presented = sha256(bearer.get());
            boolean ok = tokenDigest.map(expected -> MessageDigest.isEqual(expected, presented)).orElse(false);
            return ok ? Verdict.OK : Verdict.WRONG_TOKEN;
        }
        if (signature.isPresent()) {
            return checkSignature(signature.get(), body, now);
        }
        return Verdict.NO_CREDENTIALS;
    }

    private Verdict checkSignature(String header, byte[] body, Instant now) {
        if (secret.isEmpty()) {
            return Verdict.BAD_SIGNATURE;
        }
        String timestamp = null;
        java.util.List<String> signatures = new java.util.ArrayList<>();
        for (String part : header.split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length != 2) {
                continue;
            }
            if (kv[0].equals("t")) {
                timestamp = kv[1].trim();
            } else if (kv[0].equals("v1")) {
                signatures.add(kv[1].trim().toLowerCase(Locale.ROOT));
            }
        }
        if (timestamp == null || !timestamp.matches("\\d{1,12}") || signatures.isEmpty()) {
            return Verdict.BAD_SIGNATURE;
        }
        long seconds = Long.parseLong(timestamp);
        if (Math.abs(now.getEpochSecond() - seconds) > TOLERANCE.getSeconds()) {
            return Verdict.STALE_SIGNATURE;
        }
        byte[] expected = sign(secret.get(), timestamp, body);
        boolean match = false;
        for (String candidate : signatures) {
            byte[] presented;
            try {
                presented = HexFormat.of().parseHex(candidate);
            } catch (IllegalArgumentException e) {
                presented = new byte[0];
            }
            match |= MessageDigest.isEqual(expected, presented);
        }
        return match ? Verdict.OK : Verdict.BAD_SIGNATURE;
    }

    /**
     * The headers with which a request made by this function for itself (SnapStart priming's canned one) is
     * accepted: {@code Authorization: Bearer <token>}, else a signature with {@code secret} at {@code now},
     * else none (nothing configured: the request stays as it is, and is refused).
     */
    public static Map<String, String> ownCredentials(Optional<String> token, Optional<String> secret, byte[] body,
                                                     Instant now) {
        if (token.isPresent()) {
            return Map.of("authorization", "Bearer " + token.get());
        }
        return secret.map(s -> Map.of(SIGNATURE_HEADER, signatureHeader(s, now.getEpochSecond(), body))).orElse(Map.of());
    }

    /** The header a caller sends: {@code t=<seconds>,v1=<hex>} (also used by the docs' examples and the tests). */
    public static String signatureHeader(String secret, long unixSeconds, byte[] body) {
        return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(sign(secret.getBytes(StandardCharsets.UTF_8),
                Long.toString(unixSeconds), body));
    }

    static byte[] sign(byte[] secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
