package dev.switchboard.shared.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/** The one check for "an absolute http(s) URL": a webhook's RecordingUrl, a queued job's, a setting's. */
public final class HttpUrls {

    private HttpUrls() {
    }

    /** The URL when {@code value} is an absolute {@code http} or {@code https} URL with a host; empty otherwise. */
    public static Optional<URI> absolute(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(value.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean http = scheme.equals("http") || scheme.equals("https");
            return http && uri.getHost() != null ? Optional.of(uri) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    public static boolean isAbsolute(String value) {
        return absolute(value).isPresent();
    }
}
