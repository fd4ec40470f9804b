package dev.switchboard.shared.twilio;

/**
 * The public paths Twilio and the website call. They are a contract (the Twilio console points at them);
 * template.yaml declares the same paths, and the template test checks that they agree.
 */
public final class Routes {
    public static final String VOICE = "/twilio/voice";
    public static final String DIAL_STATUS = "/twilio/voice/dial-status";
    public static final String VOICEMAIL_COMPLETE = "/twilio/voice/voicemail-complete";
    public static final String SCREEN = "/twilio/voice/screen";
    public static final String SCREEN_RESULT = "/twilio/voice/screen-result";
    public static final String RECORDING = "/twilio/voice/recording";
    public static final String CALL_STATUS = "/twilio/voice/status";
    public static final String SMS = "/twilio/sms";
    public static final String SMS_STATUS = "/twilio/sms/status";
    public static final String INTELLIGENCE = "/twilio/intelligence";
    public static final String QUOTE = "/quote";
    public static final String RECORDINGS = "/recordings";
    public static final String NOTIFY = "/api/notify";
    public static final String HEALTH = "/health";
    /** Click-to-call: TwiML for the staff leg once answered (the inbox's {@code POST /api/calls}). */
    public static final String VOICE_OUTBOUND = "/twilio/voice/outbound";

    private Routes() {
    }
}
