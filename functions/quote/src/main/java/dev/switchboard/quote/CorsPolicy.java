package dev.switchboard.quote;

import dev.switchboard.shared.config.ConfigException;
import dev.switchboard.shared.http.HttpUrls;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which websites may post the quote form from a browser: the origins in {@code ALLOWED_ORIGINS}
 * (comma-separated, e.g. {@code https://www.example.com,https://example.com}) and the API's own origin
 * (the page served at {@code GET /quote}). {@code *} allows every origin (not recommended: any website
 * could then make visitors' browsers submit quotes). An allowed origin gets
 * {@code Access-Control-Allow-Origin} with its own value on every answer, errors included, so the page can
 * show them; any other origin gets no CORS headers at all.
 */
public final class CorsPolicy {

    public static final String ALLOWED_METHODS = "POST, OPTIONS";
    public static final String ALLOWED_HEADERS = "Content-Type";
    public static final String MAX_AGE_SECONDS = "600";

    private final Set<String> origins;
    private final boolean any;

    private CorsPolicy(Set<String> origins, boolean any) {
        this.origins = Set.copyOf(origins);
        this.any = any;
    }

    /**
     * @param allowedOrigins {@code ALLOWED_ORIGINS} as configured (may be empty)
     * @param ownBaseUrl     {@code PUBLIC_BASE_URL}, whose origin serves the quote page
     */
    public static CorsPolicy parse(String allowedOrigins, Optional<String> ownBaseUrl) {
        Set<String> origins = new LinkedHashSet<>();
        boolean any = false;
        for (String entry : (allowedOrigins == null ? "" : allowedOrigins).split(",")) {
            String value = entry.trim();
            if (value.isEmpty()) {
                continue;
            }
            if (value.equals("*")) {
                any = true;
                continue;
            }
            origins.add(normalize(value).orElseThrow(() -> new ConfigException("ALLOWED_ORIGINS has '" + value
                    + "', which is not an origin like https://www.example.com")));
        }
        ownBaseUrl.flatMap(CorsPolicy::normalize).ifPresent(origins::add);
        return new CorsPolicy(origins, any);
    }

    /** Whether a browser on {@code origin} may read our answers. */
    public boolean allows(String origin) {
        if (origin == null || origin.isBlank()) {
            return false;
        }
        if (any && !origin.trim().equals("null")) {
            return true;
        }
        return normalize(origin.trim()).map(origins::contains).orElse(false);
    }

    /** Headers for an ordinary answer to a request from {@code origin} (none for a refused origin). */
    public Map<String, String> headers(Optional<String> origin) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Vary", "Origin");
        if (origin.isPresent() && allows(origin.get())) {
            headers.put("Access-Control-Allow-Origin", origin.get().trim());
            headers.put("Access-Control-Expose-Headers", "Retry-After");
        }
        return headers;
    }

    /** Headers for the answer to a preflight {@code OPTIONS} from {@code origin}. */
    public Map<String, String> preflight(Optional<String> origin) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Vary", "Origin");
        if (origin.isPresent() && allows(origin.get())) {
            headers.put("Access-Control-Allow-Origin", origin.get().trim());
            headers.put("Access-Control-Allow-Methods", ALLOWED_METHODS);
            headers.put("Access-Control-Allow-Headers", ALLOWED_HEADERS);
            headers.put("Access-Control-Max-Age", MAX_AGE_SECONDS);
        }
        return headers;
    }

    /** The configured origins (normalised), for the page's frame-ancestors. */
    public Set<String> origins() {
        return origins;
    }

    /**
     * {@code scheme://host[:port]} in lower case without a default port; a path is ignored (an Origin header
     * never has one, and {@code PUBLIC_BASE_URL} may carry a stage).
     */
    static Optional<String> normalize(String value) {
        return HttpUrls.absolute(value)
                .filter(uri -> uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null)
                .map(uri -> {
                    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
                    int port = uri.getPort();
                    boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80)
                            || (scheme.equals("https") && port == 443);
                    return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
                });
    }
}
