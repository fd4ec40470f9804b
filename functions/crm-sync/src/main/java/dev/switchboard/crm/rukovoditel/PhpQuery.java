package dev.switchboard.crm.rukovoditel;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A form body exactly as PHP's {@code http_build_query} writes it (the encoding Rukovoditel's own API
 * examples use): nested keys as {@code items[0][field_201]} with the brackets percent-encoded
 * ({@code items%5B0%5D%5Bfield_201%5D}), values through PHP's {@code urlencode} (RFC 1738: space as
 * {@code +}, everything but letters, digits and {@code -_.} percent-encoded as UTF-8), pairs joined by
 * {@code &} in the order added.
 */
public final class PhpQuery {

    private final List<Map.Entry<String, String>> pairs = new ArrayList<>();

    /** A top-level key: {@code action=insert}. */
    public PhpQuery add(String key, String value) {
        pairs.add(Map.entry(key, value));
        return this;
    }

    /** A nested key: {@code add("items", List.of("0", "field_201"), v)} is {@code items[0][field_201]=v}. */
    public PhpQuery add(String key, List<String> path, String value) {
        StringBuilder name = new StringBuilder(key);
        for (String part : path) {
            name.append('[').append(part).append(']');
        }
        pairs.add(Map.entry(name.toString(), value));
        return this;
    }

    /** The keys in order, unencoded (for tests and log lines that must not carry values). */
    public List<String> keys() {
        return pairs.stream().map(Map.Entry::getKey).toList();
    }

    public String encode() {
        StringBuilder body = new StringBuilder();
        for (Map.Entry<String, String> pair : pairs) {
            if (body.length() > 0) {
                body.append('&');
            }
            body.append(urlencode(pair.getKey())).append('=').append(urlencode(pair.getValue()));
        }
        return body.toString();
    }

    /**
     * PHP's {@code urlencode}. Java's URLEncoder differs from it only in leaving {@code *} alone;
     * {@code ~} is encoded by both.
     */
    public static String urlencode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8).replace("*", "%2A");
    }
}
