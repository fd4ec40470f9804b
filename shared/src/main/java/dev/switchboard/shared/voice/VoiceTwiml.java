package dev.switchboard.shared.voice;

import com.twilio.http.HttpMethod;
import com.twilio.twiml.TwiMLException;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Dial;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Number;
import com.twilio.twiml.voice.Record;
import com.twilio.twiml.voice.Say;
import dev.switchboard.shared.config.Line;
import dev.switchboard.shared.text.SafeText;
import java.util.List;
import java.util.Optional;

/** The voice TwiML Switchboard answers with, built with twilio-java's TwiML classes. */
public final class VoiceTwiml {

    private final CallbackUrls urls;

    public VoiceTwiml(CallbackUrls urls) {
        this.urls = urls;
    }

    /**
     * Greeting, then the call forwarded to the line's phone with caller ID, answer-on-bridge, a ring timeout,
     * recording, and the dial outcome posted to {@code /twilio/voice/dial-status}.
     *
     * @param screenUrl when present, the owner's leg first plays a whisper from this URL ({@code <Number url>})
     */
    public String forward(Line line, String forwardTo, String caller, Optional<String> screenUrl) {
        Number.Builder number = new Number.Builder(forwardTo);
        screenUrl.ifPresent(url -> number.url(url).method(HttpMethod.POST));
        Dial.Builder dial = new Dial.Builder()
                .action(urls.dialStatus())
                .method(HttpMethod.POST)
                .timeout(line.dialTimeoutSeconds())
                .answerOnBridge(true)
                .number(number.build());
        line.callerId().ifPresent(dial::callerId);
        recordedAsTheLineSays(dial, line, urls);
        return toXml(new VoiceResponse.Builder()
                .say(say(line.render(line.greeting(), caller)))
                .dial(dial.build())
                .build());
    }

    /**
     * {@link #forward} for {@code line}, built once: the document is written with a marker for the caller, then
     * kept as the text around the marker, so a call only escapes its caller ({@link ForwardTemplate#render}).
     * The answer is the same string {@link #forward} would write.
     */
    public ForwardTemplate forwardTemplate(Line line, String forwardTo, Optional<String> screenUrl) {
        String xml = plainAttributes(line, forwardTo, screenUrl)
                ? writeForward(line, forwardTo, screenUrl)
                : forward(line, forwardTo, CALLER_MARKER, screenUrl);
        return new ForwardTemplate(xml.split(CALLER_MARKER, -1));
    }

    /**
     * The forward document with the caller marker, written as twilio-java writes it (same elements, attributes
     * in its alphabetical order, same escaping) without loading JAXP: the in-hours answer of a cold start then
     * needs no XML library at all. Only for attribute values made of URL and phone-number characters, which
     * need no escaping; ForwardTemplateTest compares it with twilio-java's output.
     */
    private String writeForward(Line line, String forwardTo, Optional<String> screenUrl) {
        StringBuilder xml = new StringBuilder(640).append("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Say>")
                .append(escapeText(SafeText.xml(line.render(line.greeting(), CALLER_MARKER))))
                .append("</Say><Dial action=\"").append(urls.dialStatus()).append("\" answerOnBridge=\"true\"");
        line.callerId().ifPresent(id -> xml.append(" callerId=\"").append(id).append('"'));
        xml.append(" method=\"POST\"");
        Dial.Record record = recordMode(line.recordMode());
        if (record != Dial.Record.DO_NOT_RECORD) {
            xml.append(" record=\"").append(record).append("\" recordingStatusCallback=\"").append(urls.recording())
                    .append("\" recordingStatusCallbackEvent=\"completed absent\" recordingStatusCallbackMethod=\"POST\"");
        }
        xml.append(" timeout=\"").append(line.dialTimeoutSeconds()).append("\"><Number");
        screenUrl.ifPresent(url -> xml.append(" method=\"POST\" url=\"").append(url).append('"'));
        return xml.append('>').append(forwardTo).append("</Number></Dial></Response>").toString();
    }

    private static final java.util.regex.Pattern PLAIN = java.util.regex.Pattern.compile("[A-Za-z0-9:/._~%+\\-]*");

    private boolean plainAttributes(Line line, String forwardTo, Optional<String> screenUrl) {
        return PLAIN.matcher(forwardTo).matches() && PLAIN.matcher(urls.dialStatus()).matches()
                && PLAIN.matcher(urls.recording()).matches() && screenUrl.map(u -> PLAIN.matcher(u).matches()).orElse(true)
                && line.callerId().map(id -> PLAIN.matcher(id).matches()).orElse(true);
    }

    /** Text no greeting contains and that XML, {@link SafeText} and the caller bound leave as it is. */
    private static final String CALLER_MARKER = "SWITCHBOARDCALLERb5e07c1d";

    /** The TwiML of a forward on one line, caller left out ({@link #forwardTemplate}). */
    public static final class ForwardTemplate {
        private final String[] parts;
        private final int length;

        private ForwardTemplate(String[] parts) {
            this.parts = parts;
            int total = 0;
            for (String part : parts) {
                total += part.length();
            }
            this.length = total;
        }

        /** The document for a call from {@code caller} (any text: bounded, made XML-safe and escaped here). */
        public String render(String caller) {
            if (parts.length == 1) {
                return parts[0];
            }
            String spoken = escapeText(SafeText.caller(caller == null ? "" : caller));
            StringBuilder out = new StringBuilder(length + (parts.length - 1) * spoken.length());
            out.append(parts[0]);
            for (int i = 1; i < parts.length; i++) {
                out.append(spoken).append(parts[i]);
            }
            return out.toString();
        }
    }

    /**
     * Text content escaped exactly as twilio-java's XML writer (the JDK's serializer, UTF-8) escapes it:
     * {@code & < >}, carriage return as {@code &#13;}, DEL and the C1 controls and characters outside the
     * Basic Multilingual Plane as numeric references; the rest as is (ForwardTemplateTest checks every
     * character against twilio-java).
     */
    static String escapeText(String text) {
        StringBuilder out = null;
        int length = text.length();
        for (int i = 0; i < length; ) {
            int cp = text.codePointAt(i);
            int width = Character.charCount(cp);
            String replacement = switch (cp) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '\r' -> "&#13;";
                default -> cp > 0xFFFF || (cp >= 0x7F && cp <= 0x9F) ? "&#" + cp + ";" : null;
            };
            if (replacement != null && out == null) {
                out = new StringBuilder(length + 16).append(text, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(text, i, i + width);
                }
            }
            i += width;
        }
        return out == null ? text : out.toString();
    }

    /**
     * A prompt, then a voicemail: beep, at most the line's maximum length, finished by {@code #} or hanging up;
     * the recording's status goes to {@code /twilio/voice/recording} and, when it ends,
     * {@code /twilio/voice/voicemail-complete} hangs up politely.
     */
    public String voicemail(Line line, String prompt, String caller) {
        Record record = new Record.Builder()
                .action(urls.voicemailComplete())
                .method(HttpMethod.POST)
                .maxLength(line.voicemailMaxSeconds())
                .playBeep(true)
                .finishOnKey("#")
                .timeout(10)
                .trim(Record.Trim.TRIM_SILENCE)
                .recordingStatusCallback(urls.recording())
                .recordingStatusCallbackMethod(HttpMethod.POST)
                .recordingStatusCallbackEvents(List.of(Record.RecordingEvent.COMPLETED, Record.RecordingEvent.ABSENT))
                .build();
        return toXml(new VoiceResponse.Builder()
                .say(say(line.render(prompt, caller)))
                .record(record)
                .build());
    }

    /** Says a last sentence, then hangs up. */
    public String sayAndHangUp(String sentence) {
        return toXml(new VoiceResponse.Builder()
                .say(say(sentence))
                .hangup(new Hangup.Builder().build())
                .build());
    }

    public String hangUp() {
        return toXml(new VoiceResponse.Builder().hangup(new Hangup.Builder().build()).build());
    }

    public static String empty() {
        return toXml(new VoiceResponse.Builder().build());
    }

    /** Every spoken text passes here: what XML 1.0 forbids would make Twilio play an application error. */
    private static Say say(String text) {
        return new Say.Builder(SafeText.xml(text)).build();
    }

    /**
     * {@code dial} recorded as the line says ({@code record}: its record mode), the recording reported to
     * {@code /twilio/voice/recording} when it is completed or absent; unchanged when the line records nothing.
     * Every {@code <Dial>} that connects a customer records this way (the forward, click-to-call).
     */
    public static Dial.Builder recordedAsTheLineSays(Dial.Builder dial, Line line, CallbackUrls urls) {
        Dial.Record record = recordMode(line.recordMode());
        if (record != Dial.Record.DO_NOT_RECORD) {
            dial.record(record)
                    .recordingStatusCallback(urls.recording())
                    .recordingStatusCallbackMethod(HttpMethod.POST)
                    .recordingStatusCallbackEvents(List.of(Dial.RecordingEvent.COMPLETED, Dial.RecordingEvent.ABSENT));
        }
        return dial;
    }

    static Dial.Record recordMode(String mode) {
        for (Dial.Record value : Dial.Record.values()) {
            if (value.toString().equals(mode)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown record mode " + mode);
    }

    private static String toXml(VoiceResponse response) {
        try {
            return response.toXml();
        } catch (TwiMLException e) {
            throw new IllegalStateException("TwiML could not be written", e);
        }
    }
}
