package dev.switchboard.shared.voice;

import dev.switchboard.shared.twilio.Routes;

/** Absolute callback URLs for TwiML and the Messages API, all built from {@code PUBLIC_BASE_URL}. */
public record CallbackUrls(String publicBaseUrl) {

    public String of(String route) {
        return publicBaseUrl + route;
    }

    public String dialStatus() {
        return of(Routes.DIAL_STATUS);
    }

    public String recording() {
        return of(Routes.RECORDING);
    }

    public String voicemailComplete() {
        return of(Routes.VOICEMAIL_COMPLETE);
    }

    public String screen() {
        return of(Routes.SCREEN);
    }

    public String screenResult() {
        return of(Routes.SCREEN_RESULT);
    }

    public String smsStatus() {
        return of(Routes.SMS_STATUS);
    }
}
