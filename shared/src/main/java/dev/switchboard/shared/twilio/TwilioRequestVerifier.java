package dev.switchboard.shared.twilio;

import dev.switchboard.shared.http.FormParameters;
import dev.switchboard.shared.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Checks {@code X-Twilio-Signature} (or SignalWire's {@code X-SignalWire-Signature}, the same scheme but
 * repeated keys' values in submission order) on a webhook: over {@code PUBLIC_BASE_URL} + route path + the
 * raw query string, with the scheme's default port added or any port removed, and the decoded form
 * parameters; JSON bodies through {@code bodySHA256}.
 */
public final class TwilioRequestVerifier {

    private final String publicBaseUrl;
    private final Supplier<List<String>> keys;

    /**
     * @param publicBaseUrl the base URL Twilio is configured with, no trailing slash
     * @param keys          the auth token(s) (a second one while rotating) or SignalWire signing key
     */
    public TwilioRequestVerifier(String publicBaseUrl, List<String> keys) {
        this(publicBaseUrl, constant(keys));
    }

    /**
     * @param keys read on every request: live settings re-read from SSM/Secrets Manager within their max
     *             age, so a rotated token is honoured without a redeploy
     */
    public TwilioRequestVerifier(String publicBaseUrl, Supplier<List<String>> keys) {
        this.publicBaseUrl = publicBaseUrl;
        this.keys = keys;
    }

    private static Supplier<List<String>> constant(List<String> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one signing key is required");
        }
        List<String> copy = List.copyOf(keys);
        return () -> copy;
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
        List<Signature> signatures = new ArrayList<>();
        request.header("x-twilio-signature").filter(s -> !s.isBlank())
                .ifPresent(s -> signatures.add(new Signature(s.trim(), TwilioSignature.ValueOrder.SORTED_DISTINCT)));
        request.header("x-signalwire-signature").filter(s -> !s.isBlank())
                .ifPresent(s -> signatures.add(new Signature(s.trim(), TwilioSignature.ValueOrder.SUBMITTED)));
        if (signatures.isEmpty()) {
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
        List<String> currentKeys = keys.get();
        List<String> candidates = TwilioSignature.portVariants(url);
        for (Signature signature : signatures) {
            String data = TwilioSignature.parameterData(params, signature.order());
            for (String candidate : candidates) {
                for (String key : currentKeys) {
                    // Every combination is computed, so timing does not reveal which one matched.
                    valid |= TwilioSignature.matches(TwilioSignature.hmac(key, candidate + data), signature.value());
                }
            }
        }
        return valid ? Optional.empty() : Optional.of("signature does not match " + url);
    }

    /**
     * The {@code X-Twilio-Signature} this verifier accepts for {@code request}: SnapStart priming signs its
     * canned webhook with the function's own key, inside the process, so the real path is primed.
     */
    public String signatureFor(HttpRequest request) {
        Map<String, List<String>> params = request.mediaType().equals("application/json")
                ? Map.of() : FormParameters.parse(request.bodyText()).asMap();
        return TwilioSignature.compute(keys.get().get(0), signedUrl(request), params);
    }

    /** A signature header's value and how its scheme orders repeated values. */
    private record Signature(String value, TwilioSignature.ValueOrder order) {
    }
}
