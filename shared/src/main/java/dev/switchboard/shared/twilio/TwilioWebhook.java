package dev.switchboard.shared.twilio;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.switchboard.shared.config.ConfigException;
import dev.switchboard.shared.config.LiveSetting;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.http.FormParameters;
import dev.switchboard.shared.http.HttpProblem;
import dev.switchboard.shared.http.HttpRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gate every Twilio webhook passes before anything is read or written: POST only (405), at most
 * 64 KiB (413), a valid signature (403 with a short plain body and one WARN line), and well-formed form
 * parameters (400).
 */
public final class TwilioWebhook {

    public static final int MAX_BODY_BYTES = 64 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(TwilioWebhook.class);

    private final TwilioRequestVerifier verifier;
    private final String publicBaseUrl;

    /** @param verifier null only when verification was switched off for a local experiment */
    public TwilioWebhook(TwilioRequestVerifier verifier, String publicBaseUrl) {
        this.verifier = verifier;
        this.publicBaseUrl = publicBaseUrl;
    }

    /**
     * Reads {@code PUBLIC_BASE_URL}, {@code TWILIO_AUTH_TOKEN} (and {@code TWILIO_AUTH_TOKEN_SECONDARY}
     * while rotating, {@code SIGNALWIRE_SIGNING_KEY} for SignalWire) and {@code TWILIO_VERIFY_SIGNATURES}; the
     * keys are held live (re-read from SSM/Secrets Manager within their max age).
     */
    public static TwilioWebhook fromSettings(Settings settings) {
        String baseUrl = settings.baseUrl("PUBLIC_BASE_URL");
        boolean verify = settings.flag("TWILIO_VERIFY_SIGNATURES", true);
        if (!verify) {
            if (!settings.flag("SWITCHBOARD_LOCAL", false)) {
                throw new ConfigException("TWILIO_VERIFY_SIGNATURES=false is only allowed in the local stack"
                        + " (SWITCHBOARD_LOCAL=true); remove it from this function's environment");
            }
            LOG.warn("!!! TWILIO_VERIFY_SIGNATURES=false: Twilio signature verification is OFF."
                    + " Anyone who can reach these webhooks can post to them. Local experiments only. !!!");
            return new TwilioWebhook(null, baseUrl);
        }
        // Live: a token rotated in SSM/Secrets Manager is checked against within PARAMETER_MAX_AGE_SECONDS.
        LiveSetting<List<String>> keys = settings.live(s -> {
            List<String> current = new ArrayList<>();
            current.add(s.secret("TWILIO_AUTH_TOKEN"));
            s.optionalSecret("TWILIO_AUTH_TOKEN_SECONDARY").ifPresent(current::add);
            s.optionalSecret("SIGNALWIRE_SIGNING_KEY").ifPresent(current::add);
            return List.copyOf(current);
        });
        return new TwilioWebhook(new TwilioRequestVerifier(baseUrl, keys), baseUrl);
    }

    /**
     * {@code event} (a canned sample) signed as Twilio would sign it for this function: for SnapStart priming
     * ({@link TwilioWebhookHandler#primeWith}). Unchanged when verification is off.
     */
    public APIGatewayV2HTTPEvent signedForPriming(APIGatewayV2HTTPEvent event) {
        if (verifier != null) {
            Map<String, String> headers = new HashMap<>(event.getHeaders() == null ? Map.of() : event.getHeaders());
            headers.keySet().removeIf(h -> h.equalsIgnoreCase("x-twilio-signature") || h.equalsIgnoreCase("x-signalwire-signature"));
            event.setHeaders(headers);
            headers.put("x-twilio-signature", verifier.signatureFor(HttpRequest.from(event)));
        }
        return event;
    }

    public String publicBaseUrl() {
        return publicBaseUrl;
    }

    /** The absolute URL of one of our routes, for TwiML callbacks. */
    public String url(String route) {
        return publicBaseUrl + route;
    }

    /** Checks a webhook and returns its parameters; throws {@link HttpProblem} for anything refused. */
    public FormParameters accept(HttpRequest request) {
        request.require(MAX_BODY_BYTES, "POST");
        if (verifier != null && request.header("x-twilio-signature").or(() -> request.header("x-signalwire-signature")).isEmpty()) {
            return reject(request, "no X-Twilio-Signature header");
        }
        FormParameters form = request.mediaType().equals("application/json")
                ? FormParameters.parse("")
                : FormParameters.parse(request.bodyText());
        if (verifier != null) {
            Optional<String> rejection = verifier.rejection(request, form);
            if (rejection.isPresent()) {
                return reject(request, rejection.get());
            }
        }
        return form;
    }

    private static FormParameters reject(HttpRequest request, String reason) {
        LOG.warn("Rejected unsigned webhook {} {} from {}: {}", request.method(), request.path(),
                request.sourceIp().orElse("unknown"), reason);
        throw new HttpProblem(403, "Forbidden: invalid Twilio signature");
    }
}
