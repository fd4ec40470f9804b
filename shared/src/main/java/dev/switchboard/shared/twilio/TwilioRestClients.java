package dev.switchboard.shared.twilio;

import com.twilio.http.TwilioRestClient;
import dev.switchboard.shared.config.LiveSetting;
import dev.switchboard.shared.config.Settings;
import java.time.Duration;
import java.util.Optional;

/**
 * Builds the twilio-java REST client once per container: account SID with the auth token, or an API key
 * ({@code TWILIO_API_KEY_SID}/{@code TWILIO_API_KEY_SECRET}) when one is configured; base URLs from
 * {@code TWILIO_API_BASE_URL} (default https://api.twilio.com) and {@code TWILIO_INTELLIGENCE_BASE_URL}
 * (default https://intelligence.twilio.com); a {@code TWILIO_HTTP_TIMEOUT_MS} timeout (default 5 s).
 */
public final class TwilioRestClients {

    private TwilioRestClients() {
    }

    public static TwilioRestClient create(Settings settings) {
        String accountSid = settings.required("TWILIO_ACCOUNT_SID");
        // Live: a rotated token or key secret is used within PARAMETER_MAX_AGE_SECONDS, no new client needed.
        LiveSetting<RebasingHttpClient.Credentials> credentials = settings.live(TwilioRestClients::credentials);
        RebasingHttpClient.Credentials initial = credentials.get();
        Duration timeout = Duration.ofMillis(settings.integer("TWILIO_HTTP_TIMEOUT_MS", 5000, 500, 60000));
        return new TwilioRestClient.Builder(initial.user(), initial.password())
                .accountSid(accountSid)
                .httpClient(new RebasingHttpClient(
                        settings.optionalBaseUrl("TWILIO_API_BASE_URL").orElse("https://api.twilio.com"),
                        settings.optionalBaseUrl("TWILIO_INTELLIGENCE_BASE_URL").orElse("https://intelligence.twilio.com"),
                        timeout, credentials))
                .build();
    }

    /**
     * What Twilio's REST API and media URLs take as HTTP Basic credentials: the API key
     * ({@code TWILIO_API_KEY_SID} + {@code TWILIO_API_KEY_SECRET}) when both are set, else the account SID and
     * auth token. Read as they are now: hold them through {@link Settings#live} so that a rotation is followed.
     */
    public static RebasingHttpClient.Credentials credentials(Settings settings) {
        Optional<String> keySid = settings.optional("TWILIO_API_KEY_SID");
        Optional<String> keySecret = keySid.isPresent() ? settings.optionalSecret("TWILIO_API_KEY_SECRET") : Optional.empty();
        if (keySid.isPresent() && keySecret.isPresent()) {
            return new RebasingHttpClient.Credentials(keySid.get(), keySecret.get());
        }
        return new RebasingHttpClient.Credentials(settings.required("TWILIO_ACCOUNT_SID"), settings.secret("TWILIO_AUTH_TOKEN"));
    }
}
