package dev.switchboard.shared.twilio;

import dev.switchboard.shared.http.FormParameters;
import dev.switchboard.shared.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks {@code X-Twilio-Signature} (or SignalWire's {@code X-SignalWire-Signature}, the same scheme) on
 * a webhook: over {@code PUBLIC_BASE_URL} + route path + the raw query string, with and without the
 * scheme's default port, and the decoded form parameters; JSON bodies through {@code bodySHA256}.
 */
public final class TwilioRequestVerifier {

    private final String publicBaseUrl;
    private final List<String> keys;

    /**
     * @param publicBaseUrl the base URL Twilio is configured with, no trailing slash
     * @param keys          the auth token(s) (a second one while rotating) or SignalWire signing key
     */
    public TwilioRequestVerifier(String publicBaseUrl, List<String> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one signing key is required");
        }
        this.publicBaseUrl = publicBaseUrl;
        this.keys = List.copyOf(keys);
    }

    /** The URL Twilio must have called for this request. */
    public String signedUrl(HttpRequest request) {
        String query = request.rawQuery();
        return publicBaseUrl + request.path() + (query.isEmpty() ? "" : "?" + query);
    }

    /**
     * Why the request is not from Twilio, or empty when its signature is good.
     *
     * @param form the decoded form parameters; ignored for JSON bodies
     */
    public Optional<String> rejection(HttpRequest request, FormParameters form) {
        Optional<String> signature = request.header("x-twilio-signature").or(() -> request.header("x-signalwire-signature"));
        if (signature.isEmpty() || signature.get().isBlank()) {
            return Optional.of("no X-Twilio-Signature header");
        }
        String url = signedUrl(request);
        Map<String, List<String>> params;
        String bodyHash = TwilioSignature.bodyHashParameter(request.rawQuery());
        if (bodyHash != null || request.mediaType().equals("application/json")) {
            if (bodyHash == null) {
                return Optional.of("JSON body without a bodySHA256 query parameter");
            }
            String actual = TwilioSignature.bodySha256(request.body());
            if (!MessageDigest.isEqual(actual.getBytes(StandardCharsets.US_ASCII), bodyHash.getBytes(StandardCharsets.US_ASCII))) {
                return Optional.of("body does not match bodySHA256");
            }
            params = Map.of();
        } else {
            params = form.asMap();
        }
        boolean valid = false;
        for (String candidate : TwilioSignature.portVariants(url)) {
            for (String key : keys) {
                // Every combination is computed, so timing does not reveal which one matched.
                valid |= TwilioSignature.matches(TwilioSignature.compute(key, candidate, params), signature.get().trim());
            }
        }
        return valid ? Optional.empty() : Optional.of("signature does not match " + url);
    }
}
