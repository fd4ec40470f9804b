package dev.switchboard.archive;

import dev.switchboard.shared.config.LiveSetting;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.twilio.RebasingHttpClient;
import dev.switchboard.shared.twilio.TwilioRestClients;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * HTTP Basic credentials for Twilio's media URLs ("Enforce HTTP Auth on Media URLs"): the same as the REST
 * client's, an API key ({@code TWILIO_API_KEY_SID} + {@code TWILIO_API_KEY_SECRET}) when both are set, else
 * the account SID and auth token. Never printed.
 */
public final class MediaCredentials {

    private final String user;
    private final String password;

    public MediaCredentials(String user, String password) {
        this.user = user;
        this.password = password;
    }

    /** The REST client's credentials ({@link TwilioRestClients#credentials}), live: a rotation is followed. */
    public static LiveSetting<MediaCredentials> fromSettings(Settings settings) {
        return settings.live(s -> {
            RebasingHttpClient.Credentials current = TwilioRestClients.credentials(s);
            return new MediaCredentials(current.user(), current.password());
        });
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
