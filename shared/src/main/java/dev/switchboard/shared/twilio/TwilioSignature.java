package dev.switchboard.shared.twilio;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Twilio's request signature: base64 HMAC-SHA1, keyed by the auth token, over the exact URL Twilio called
 * followed by every POST parameter sorted by name as name+value; a repeated name contributes name+value
 * for each of its distinct values, sorted (as twilio-python and twilio-node build it). SignalWire's
 * {@code X-SignalWire-Signature} is the same except that a repeated name contributes every value in the
 * order it was submitted ({@link ValueOrder#SUBMITTED}, as SignalWire's compatibility SDK builds it). JSON
 * bodies are not part of the signature: the URL carries their hex SHA-256 as {@code bodySHA256}.
 *
 * <p>twilio-java's {@code RequestValidator} implements the same scheme, but takes a
 * {@code Map<String,String>} (no repeated keys) and rebuilds port variants through {@code java.net.URI},
 * which decodes the query string. This class keeps the URL byte for byte.
 */
public final class TwilioSignature {

    private TwilioSignature() {
    }

    /** How a repeated parameter's values enter the signed string. */
    public enum ValueOrder {
        /** Each distinct value once, sorted: Twilio's SDKs ({@code X-Twilio-Signature}). */
        SORTED_DISTINCT,
        /** Every value, in the order submitted: SignalWire's SDK ({@code X-SignalWire-Signature}). */
        SUBMITTED
    }

    /** The signature Twilio would send for {@code url} and {@code params}. */
    public static String compute(String authToken, String url, Map<String, List<String>> params) {
        return compute(authToken, url, params, ValueOrder.SORTED_DISTINCT);
    }

    /** The signature for {@code url} and {@code params}, names sorted, values in {@code order}. */
    public static String compute(String authToken, String url, Map<String, List<String>> params, ValueOrder order) {
        return hmac(authToken, url + parameterData(params, order));
    }

    /** What the parameters add to the signed string after the URL: names sorted, each as name+value. */
    static String parameterData(Map<String, List<String>> params, ValueOrder order) {
        if (params.isEmpty()) {
            return "";
        }
        StringBuilder data = new StringBuilder(256);
        Map<String, List<String>> sorted = new TreeMap<>(params);
        sorted.forEach((name, values) -> {
            if (order == ValueOrder.SUBMITTED || values.size() == 1) {
                for (String value : values) {
                    data.append(name).append(value);
                }
            } else {
                for (String value : new TreeSet<>(values)) {
                    data.append(name).append(value);
                }
            }
        });
        return data.toString();
    }

    /** One HMAC-SHA1 per thread, re-keyed per use: {@code Mac.getInstance} costs more than the hash itself. */
    private static final ThreadLocal<Mac> HMAC_SHA1 = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("HmacSHA1 is not available", e);
        }
    });

    /** Base64 HMAC-SHA1 of {@code data} keyed by {@code authToken}. */
    static String hmac(String authToken, String data) {
        Mac mac = HMAC_SHA1.get();
        try {
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA1 refused the key", e);
        }
        return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    }

    /** Compares two signatures in time independent of where they differ. */
    public static boolean matches(String expected, String actual) {
        if (expected == null || actual == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
    }

    /** Lower-case hex SHA-256 of a body, as Twilio puts in {@code bodySHA256}. */
    public static String bodySha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /**
     * The URL as given, plus the same URL with the scheme's default port added when it has none, or with
     * its port removed, whatever the port, when it has one (as twilio-python, twilio-node, twilio-go and
     * twilio-java validate). Only the authority changes: path and query stay exactly as received.
     */
    public static List<String> portVariants(String url) {
        List<String> variants = new ArrayList<>();
        variants.add(url);
        int schemeEnd = url.indexOf("://");
        if (schemeEnd <= 0) {
            return variants;
        }
        String scheme = url.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        String defaultPort = scheme.equals("https") ? "443" : scheme.equals("http") ? "80" : null;
        if (defaultPort == null) {
            return variants;
        }
        int authorityStart = schemeEnd + 3;
        int authorityEnd = url.length();
        for (char c : new char[] {'/', '?', '#'}) {
            int i = url.indexOf(c, authorityStart);
            if (i >= 0 && i < authorityEnd) {
                authorityEnd = i;
            }
        }
        String authority = url.substring(authorityStart, authorityEnd);
        String rest = url.substring(authorityEnd);
        int hostStart = authority.lastIndexOf('@') + 1;
        int bracket = authority.lastIndexOf(']');
        int colon = authority.lastIndexOf(':');
        String prefix = url.substring(0, authorityStart);
        if (colon > bracket && colon >= hostStart) {
            variants.add(prefix + authority.substring(0, colon) + rest);
        } else {
            variants.add(prefix + authority + ":" + defaultPort + rest);
        }
        return variants;
    }

    /** The value of {@code bodySHA256} in a raw query string, as sent. */
    static String bodyHashParameter(String rawQuery) {
        for (String pair : rawQuery.split("&")) {
            if (pair.startsWith("bodySHA256=")) {
                return pair.substring("bodySHA256=".length()).toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    /** Builds the {@code ?bodySHA256=...} URL and its signature for a JSON body: for tests and the simulator. */
    public static String[] signJson(String authToken, String url, byte[] body) {
        String signedUrl = url + (url.contains("?") ? "&" : "?") + "bodySHA256=" + bodySha256(body);
        return new String[] {signedUrl, compute(authToken, signedUrl, Map.of())};
    }
}
