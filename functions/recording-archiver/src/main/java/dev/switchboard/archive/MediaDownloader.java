package dev.switchboard.archive;

import dev.switchboard.shared.config.Priming;
import dev.switchboard.shared.http.RetryAfter;
import dev.switchboard.shared.queue.PermanentJobFailure;
import dev.switchboard.shared.queue.RetryLater;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Opens a recording's media for streaming ({@code RecordingUrl} + {@code .mp3} or {@code .wav}):
 * <ul>
 *   <li>HTTP Basic auth, sent only to Twilio itself (any https {@code *.twilio.com} host, or the origin of
 *       {@code TWILIO_API_BASE_URL}, e.g. SignalWire's space or a test server); a media URL anywhere else is
 *       refused rather than handed our credentials;</li>
 *   <li>at most one redirect (Twilio answers some media requests with a 302 to short-lived storage), without
 *       the Authorization header when it leads to another origin, and never from https down to http;</li>
 *   <li>404 (Twilio has not finished the file yet), 429, 5xx and network trouble: {@link RetryLater};
 *       401/403 from Twilio (wrong credentials), 410 and other 4xx: {@link PermanentJobFailure} (the DLQ,
 *       with the reason; fix and re-drive).</li>
 * </ul>
 * {@code HttpURLConnection} rather than {@code java.net.http.HttpClient}: its read timeout also covers a
 * body that stalls halfway, so a stuck download ends as a retry instead of running into the Lambda timeout.
 */
public final class MediaDownloader {

    private static final String TWILIO_API = "https://api.twilio.com";

    private final Supplier<MediaCredentials> credentials;
    private final URI apiBase;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Clock clock;

    /**
     * @param credentials the credentials in use now (a rotated auth token or key is followed)
     * @param apiBase     {@code TWILIO_API_BASE_URL}: media URLs on api.twilio.com are fetched from here instead
     */
    public MediaDownloader(Supplier<MediaCredentials> credentials, URI apiBase, Duration connectTimeout,
                           Duration readTimeout, Clock clock) {
        this.credentials = credentials;
        this.apiBase = apiBase;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.clock = clock;
    }

    /** The media URL for a recording in a format: {@code RecordingUrl.mp3}, rebased like the REST client. */
    public URI mediaUrl(String recordingUrl, String extension) {
        String url = recordingUrl.trim();
        String base = apiBase.toString().replaceAll("/+$", "");
        if (url.startsWith(TWILIO_API + "/") && !base.equals(TWILIO_API)) {
            url = base + url.substring(TWILIO_API.length());
        }
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.endsWith(".mp3") && !lower.endsWith(".wav")) {
            url = url + "." + extension;
        }
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            throw new PermanentJobFailure("RecordingUrl is not a valid URL");
        }
    }

    /** Starts the download; the caller streams {@link Download#body()} and closes it. */
    public Download open(URI url) {
        if (!mayReceiveCredentials(url)) {
            throw new PermanentJobFailure("media host " + url.getHost() + " is neither Twilio nor TWILIO_API_BASE_URL;"
                    + " not sending it our credentials");
        }
        HttpURLConnection first = request(url, true);
        int status = status(first, url);
        if (isRedirect(status)) {
            String location = first.getHeaderField("Location");
            discard(first);
            URI target = redirectTarget(url, location);
            boolean sameOrigin = origin(target).equals(origin(url));
            HttpURLConnection second = request(target, sameOrigin);
            int secondStatus = status(second, target);
            if (isRedirect(secondStatus)) {
                discard(second);
                throw new PermanentJobFailure("media URL redirected more than once (" + url.getHost() + " -> "
                        + target.getHost() + " -> ...); refusing to follow");
            }
            return body(second, secondStatus, target, false);
        }
        return body(first, status, url, true);
    }

    private Download body(HttpURLConnection connection, int status, URI url, boolean fromTwilio) {
        if (status == 200) {
            try {
                long length = connection.getContentLengthLong();
                String type = connection.getContentType();
                return new Download(new DisconnectingStream(connection.getInputStream(), connection),
                        length >= 0 ? OptionalLong.of(length) : OptionalLong.empty(), Optional.ofNullable(type), url);
            } catch (IOException e) {
                connection.disconnect();
                throw new RetryLater("media download from " + url.getHost() + " failed: " + e.getMessage(), e);
            }
        }
        Optional<Duration> retryAfter = RetryAfter.parse(connection.getHeaderField("Retry-After"), clock);
        discard(connection);
        if (status == 404) {
            throw new RetryLater("media not available yet (404 from " + url.getHost() + ")");
        }
        if (status == 429 || status >= 500) {
            throw new RetryLater("media download got " + status + " from " + url.getHost(), null, retryAfter.orElse(null));
        }
        if ((status == 401 || status == 403) && fromTwilio) {
            throw new PermanentJobFailure("Twilio refused our credentials for the media (" + status + "): check"
                    + " TWILIO_ACCOUNT_SID and the auth token / API key, then re-drive the archive DLQ");
        }
        if (status == 401 || status == 403) {
            // A short-lived storage link that expired between the redirect and the request: ask Twilio again.
            throw new RetryLater("redirected media link refused (" + status + " from " + url.getHost() + ")");
        }
        if (status == 410) {
            throw new PermanentJobFailure("recording is gone from Twilio (410)");
        }
        throw new PermanentJobFailure("media download got " + status + " from " + url.getHost());
    }

    private HttpURLConnection request(URI url, boolean withCredentials) {
        Priming.refuseOutbound("the media download");
        try {
            HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection();
            connection.setInstanceFollowRedirects(false);
            connection.setUseCaches(false);
            connection.setConnectTimeout((int) connectTimeout.toMillis());
            connection.setReadTimeout((int) readTimeout.toMillis());
            connection.setRequestProperty("Accept", "audio/*");
            connection.setRequestProperty("User-Agent", "switchboard-recording-archiver");
            if (withCredentials) {
                connection.setRequestProperty("Authorization", credentials.get().basicHeader());
            }
            return connection;
        } catch (IOException | IllegalArgumentException e) {
            throw new PermanentJobFailure("media URL cannot be requested: " + e.getMessage(), e);
        }
    }

    private static int status(HttpURLConnection connection, URI url) {
        try {
            return connection.getResponseCode();
        } catch (IOException e) {
            connection.disconnect();
            throw new RetryLater("media request to " + url.getHost() + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Where a redirect leads, if it may be followed: an absolute or relative http(s) Location, never from
     * https down to plain http (plain http is only ever followed from an http original: local tests).
     */
    static URI redirectTarget(URI from, String location) {
        if (location == null || location.isBlank()) {
            throw new PermanentJobFailure("media redirect without a Location header");
        }
        URI target;
        try {
            target = from.resolve(new URI(location.trim()));
        } catch (URISyntaxException e) {
            throw new PermanentJobFailure("media redirect to an invalid URL");
        }
        String scheme = Objects.toString(target.getScheme(), "").toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new PermanentJobFailure("media redirect to a non-http URL");
        }
        if (scheme.equals("http") && "https".equalsIgnoreCase(from.getScheme())) {
            throw new PermanentJobFailure("media redirect from https down to plain http (" + target.getHost()
                    + "); refusing to follow");
        }
        return target;
    }

    private boolean mayReceiveCredentials(URI url) {
        String host = Objects.toString(url.getHost(), "").toLowerCase(Locale.ROOT);
        boolean twilio = "https".equalsIgnoreCase(url.getScheme())
                && (host.equals("twilio.com") || host.endsWith(".twilio.com"));
        return twilio || origin(url).equals(origin(apiBase));
    }

    static String origin(URI uri) {
        String scheme = Objects.toString(uri.getScheme(), "").toLowerCase(Locale.ROOT);
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return scheme + "://" + Objects.toString(uri.getHost(), "").toLowerCase(Locale.ROOT) + ":" + port;
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** Reads away a small error body so the connection can be reused, then lets go of it. */
    private static void discard(HttpURLConnection connection) {
        try (InputStream error = connection.getErrorStream()) {
            if (error != null) {
                error.readNBytes(16 * 1024);
            }
        } catch (IOException ignored) {
            // Nothing to save here.
        }
        connection.disconnect();
    }

    /**
     * An open download.
     *
     * @param contentLength the length Twilio announced, when it did (checked against what arrived)
     */
    public record Download(InputStream body, OptionalLong contentLength, Optional<String> contentType, URI url)
            implements AutoCloseable {
        @Override
        public void close() throws IOException {
            body.close();
        }
    }

    /** Closing the body also releases the connection. */
    private static final class DisconnectingStream extends FilterInputStream {
        private final HttpURLConnection connection;

        DisconnectingStream(InputStream in, HttpURLConnection connection) {
            super(in);
            this.connection = connection;
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                connection.disconnect();
            }
        }
    }
}
