package dev.switchboard.quote;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.switchboard.shared.http.HttpResponses;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /quote}: the small static quote form (no framework; plain JavaScript posting JSON). The part
 * between the {@code switchboard-quote-snippet} markers is also the embeddable snippet documented in
 * docs/quotes-and-sms.md. The page is served with a Content-Security-Policy that allows exactly its own
 * inline style and script blocks (by hash) and requests to its own origin.
 */
public final class QuotePage {

    public static final String RESOURCE = "/dev/switchboard/quote/quote.html";
    public static final String SNIPPET_START = "<!-- switchboard-quote-snippet:start -->";
    public static final String SNIPPET_END = "<!-- switchboard-quote-snippet:end -->";
    private static final Pattern INLINE = Pattern.compile("<(script|style)>(.*?)</\\1>", Pattern.DOTALL);

    private final String html;
    private final Map<String, String> headers;

    public QuotePage(String html, Set<String> frameAncestors) {
        this.html = html;
        List<String> scripts = new ArrayList<>();
        List<String> styles = new ArrayList<>();
        Matcher inline = INLINE.matcher(html);
        while (inline.find()) {
            (inline.group(1).equals("script") ? scripts : styles).add("'" + sha256(inline.group(2)) + "'");
        }
        String ancestors = String.join(" ", frameAncestors);
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Security-Policy", "default-src 'none'; script-src " + String.join(" ", scripts)
                + "; style-src " + String.join(" ", styles) + "; connect-src 'self'; form-action 'self';"
                + " base-uri 'none'; frame-ancestors 'self'" + (ancestors.isEmpty() ? "" : " " + ancestors));
        h.put("X-Content-Type-Options", "nosniff");
        h.put("Referrer-Policy", "no-referrer");
        // A static page: browsers and CDNs may keep it a few minutes.
        h.put("Cache-Control", "public, max-age=300");
        this.headers = Map.copyOf(h);
    }

    public static QuotePage load(Set<String> frameAncestors) {
        return new QuotePage(resource(), frameAncestors);
    }

    public static String resource() {
        try (InputStream in = QuotePage.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The embeddable part of the page (style, form and script). */
    public static String snippet(String html) {
        int start = html.indexOf(SNIPPET_START);
        int end = html.indexOf(SNIPPET_END);
        if (start < 0 || end < start) {
            throw new IllegalStateException("the quote page has no snippet markers");
        }
        return html.substring(start + SNIPPET_START.length(), end).strip();
    }

    public String html() {
        return html;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public APIGatewayV2HTTPResponse response() {
        return HttpResponses.of(200, "text/html; charset=utf-8", html, headers);
    }

    private static String sha256(String content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
