package dev.switchboard.transcription.engine;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import dev.switchboard.shared.http.RetryAfter;
import dev.switchboard.shared.queue.RetryLater;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.apache.hc.core5.http.Header;

/**
 * Turns twilio-java's exceptions into the worker's outcomes: 429, 5xx and network trouble are retried
 * through the queue (honouring Retry-After); any other 4xx is permanent, described with Twilio's error code
 * and message so the log line says what Twilio said.
 */
final class TwilioFailures {

    /** Conversational Intelligence cannot read recordings kept in external storage. */
    static final int EXTERNAL_STORAGE = 95118;

    private TwilioFailures() {
    }

    static boolean transient_(ApiException e) {
        Integer status = status(e);
        return status == null || status == 429 || status >= 500;
    }

    static RetryLater retryLater(String what, ApiException e, TwilioRestClient client, Clock clock) {
        return new RetryLater(what + ": " + describe(e), null, retryAfter(client, clock).orElse(null));
    }

    static RetryLater retryLater(String what, ApiConnectionException e) {
        return new RetryLater(what + ": cannot reach Twilio (" + e.getMessage() + ")", e);
    }

    /** "HTTP 400, Twilio error 20001: Invalid Channel (https://www.twilio.com/docs/errors/20001)". */
    static String describe(ApiException e) {
        StringBuilder text = new StringBuilder();
        Integer status = status(e);
        text.append("HTTP ").append(status == null ? "?" : status);
        if (e.getCode() != null) {
            text.append(", Twilio error ").append(e.getCode());
        }
        text.append(": ").append(e.getMessage() == null ? "no message" : e.getMessage().replaceAll("\\s+", " "));
        if (e.getMoreInfo() != null) {
            text.append(" (").append(e.getMoreInfo()).append(')');
        }
        return text.toString();
    }

    static Integer status(ApiException e) {
        return e.getStatusCode() != null ? e.getStatusCode() : e.getHttpStatusCode();
    }

    private static Optional<Duration> retryAfter(TwilioRestClient client, Clock clock) {
        try {
            Response last = client.getHttpClient().getLastResponse();
            if (last == null || last.getHeaders() == null) {
                return Optional.empty();
            }
            for (Header header : last.getHeaders()) {
                if (header.getName().equalsIgnoreCase("Retry-After")) {
                    return RetryAfter.parse(header.getValue(), clock);
                }
            }
        } catch (RuntimeException ignored) {
            // The header is a hint; the queue's own backoff applies without it.
        }
        return Optional.empty();
    }
}
