package dev.switchboard.shared.voice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.shared.config.Line;
import dev.switchboard.shared.config.Lines;
import dev.switchboard.shared.config.Settings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The forward TwiML built once per line answers every caller with exactly what twilio-java writes. */
class ForwardTemplateTest {

    final VoiceTwiml twiml = new VoiceTwiml(new CallbackUrls("https://phone.example.com"));

    static List<Map<String, String>> lineSettings() {
        List<Map<String, String>> all = new ArrayList<>();
        all.add(Map.of("TWILIO_FORWARD_TO", "+19045550177"));
        all.add(Map.of("TWILIO_FORWARD_TO", "+19045550177", "TWILIO_CALLER_ID", "+19045550200",
                "BUSINESS_NAME", "Bob's <Brakes> & \"Tires\"", "GREETING", "Hi {caller}, this is {business}. {caller}!"));
        all.add(Map.of("TWILIO_FORWARD_TO", "+19045550177", "GREETING", "No caller here, {business}.",
                "DIAL_RECORD", "do-not-record", "CALL_SCREENING", "true"));
        all.add(Map.of("TWILIO_FORWARD_TO", "+19045550177", "BUSINESS_NAME", "{caller} Inc",
                "GREETING", "{business} greets {caller}", "DIAL_RECORD", "record-from-ringing"));
        return all;
    }

    /** Callers as Twilio may send them: numbers, SIP addresses, anonymous, and every kind of awkward text. */
    static List<String> callers() {
        List<String> callers = new ArrayList<>(List.of("", "+19045550123", "anonymous", "sip:alice@example.com",
                "a&b<c>d\"e'f\rg\nh\ti", "é 😀 \u2028 ]]> end", "\u0000\u0001\u001f\uFFFE\uFFFF\uD800x\uDC00",
                "x".repeat(200), "😀".repeat(40), "&".repeat(70), "<Say>injected</Say>"));
        StringBuilder everyChar = new StringBuilder();
        for (int c = 0; c < 0x10000; c++) {
            everyChar.append((char) c);
            if (everyChar.length() == 60) {
                callers.add(everyChar.toString());
                everyChar.setLength(0);
            }
        }
        callers.add(new String(Character.toChars(0x1F600)) + "\uFFFD\uFEFF\u00A0\u007F\u0080\u009F");
        return callers;
    }

    @ParameterizedTest
    @MethodSource("lineSettings")
    void everyCallerGetsWhatTwilioJavaWrites(Map<String, String> settings) {
        Line line = Lines.load(Settings.of(new HashMap<>(settings))).fallback();
        Optional<String> screen = line.screen() ? Optional.of("https://phone.example.com/twilio/voice/screen") : Optional.empty();
        // The second base URL has characters an attribute must escape: written by twilio-java with a marker.
        for (VoiceTwiml twiml : List.of(twiml, new VoiceTwiml(new CallbackUrls("https://phone.example.com/a&b \"c\"")))) {
            VoiceTwiml.ForwardTemplate template = twiml.forwardTemplate(line, "+19045550177", screen);
            for (String caller : callers()) {
                assertThat(template.render(caller)).as("caller %s", caller.codePoints().limit(8).boxed().toList())
                        .isEqualTo(twiml.forward(line, "+19045550177", caller, screen));
            }
        }
    }
}
