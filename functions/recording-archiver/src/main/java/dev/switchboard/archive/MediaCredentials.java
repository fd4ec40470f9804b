package dev.switchboard.archive;

import dev.switchboard.shared.config.Settings;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * HTTP Basic credentials for Twilio's media URLs ("Enforce HTTP Auth on Media URLs"): an API key
 * ({@code TWILIO_API_KEY_SID} + {@code TWILIO_API_KEY_SECRET}) when both are set, else the account SID and
 * auth token. Never printed.
 */
public final class MediaCredentials {

    private final String user;
    private final String password;

    public MediaCredentials(String user, String password) {
        this.user = user;
        this.password = password;
    }

    public static MediaCredentials fromSettings(Settings settings) {
        Optional<String> keySid = settings.optional("TWILIO_API_KEY_SID");
        Optional<String> keySecret = keySid.isPresent() ? settings.optionalSecret("TWILIO_API_KEY_SECRET") : Optional.empty();
        if (keySid.isPresent() && keySecret.isPresent()) {
            return new MediaCredentials(keySid.get(), keySecret.get());
        }
        return new MediaCredentials(settings.required("TWILIO_ACCOUNT_SID"), settings.secret("TWILIO_AUTH_TOKEN"));
    }

    /** The {@code Authorization} header value. */
    String basicHeader() {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    String user() {
        return user;
    }

    @Override
    public String toString() {
        return "MediaCredentials[" + user + ", ****]";
    }
}
