package dev.switchboard.shared.auth;

import dev.switchboard.shared.config.ConfigException;
import dev.switchboard.shared.config.LiveSetting;
import dev.switchboard.shared.config.Settings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Optional;

/**
 * The recordings API's one credential: {@code Authorization: Bearer <RECORDINGS_TOKEN>}. Compared in
 * constant time (over SHA-256 digests, so neither content nor length leaks through timing). Plain rules,
 * no I/O.
 */
public final class BearerToken {

    /** Shorter tokens are refused at cold start: they could be guessed. */
    public static final int MIN_LENGTH = 16;

    private final byte[] expectedDigest;

    public BearerToken(String token) {
        if (token == null || token.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("token shorter than " + MIN_LENGTH + " characters");
        }
        this.expectedDigest = digest(token);
    }

    /**
     * {@code RECORDINGS_TOKEN}, live: a token rotated in SSM is the one accepted within its max age. One
     * shorter than {@link #MIN_LENGTH} fails the cold start; later, it leaves the token in use as it is, with
     * one ERROR naming the setting.
     */
    public static LiveSetting<BearerToken> fromSettings(Settings settings) {
        return settings.live("RECORDINGS_TOKEN", token -> {
            if (token.length() < MIN_LENGTH) {
                throw new ConfigException("RECORDINGS_TOKEN must be at least " + MIN_LENGTH
                        + " characters (e.g. openssl rand -hex 32)");
            }
            return new BearerToken(token);
        });
    }

    /**
     * {@code RECORDINGS_TOKEN} itself, live, for the one request a function makes for itself: SnapStart
     * priming's canned request carries it so that the real route is primed. Kept in memory only: never logged,
     * never written anywhere.
     */
    public static LiveSetting<String> ownToken(Settings settings) {
        return settings.live("RECORDINGS_TOKEN", token -> token);
    }

    /** Whether an {@code Authorization} header carries the token. */
    public boolean accepts(Optional<String> authorization) {
        Optional<String> presented = authorization.map(String::trim)
                .filter(h -> h.length() > 7 && h.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer "))
                .map(h -> h.substring(7).trim());
        // Always compare, even with nothing presented, so a missing header takes as long as a wrong one.
        byte[] candidate = digest(presented.orElse(""));
        return MessageDigest.isEqual(expectedDigest, candidate) && presented.isPresent();
    }

    private static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
