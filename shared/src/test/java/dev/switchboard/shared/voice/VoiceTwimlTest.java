package dev.switchboard.shared.voice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.shared.config.Line;
import dev.switchboard.shared.config.Lines;
import dev.switchboard.shared.config.Settings;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class VoiceTwimlTest {

    final VoiceTwiml twiml = new VoiceTwiml(new CallbackUrls("https://phone.example.com"));
    final Line line = Lines.load(Settings.of(Map.of("TWILIO_FORWARD_TO", "+19045550177",
            "TWILIO_CALLER_ID", "+19045550200", "BUSINESS_NAME", "Mechanic St. Augustine"))).fallback();

    static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aDialIsRecordedAsTheLineSaysWithTheRecordingCallbackOrNotAtAll() throws Exception {
        CallbackUrls urls = new CallbackUrls("https://phone.example.com");
        String recorded = new com.twilio.twiml.VoiceResponse.Builder().dial(VoiceTwiml.recordedAsTheLineSays(
                new com.twilio.twiml.voice.Dial.Builder("+19045550123"), line, urls).build()).build().toXml();
        Element dial = (Element) parse(recorded).getDocumentElement().getElementsByTagName("Dial").item(0);
        assertThat(dial.getAttribute("record")).isEqualTo("record-from-answer-dual");
        assertThat(dial.getAttribute("recordingStatusCallback")).isEqualTo("https://phone.example.com/twilio/voice/recording");
        assertThat(dial.getAttribute("recordingStatusCallbackMethod")).isEqualTo("POST");
        assertThat(dial.getAttribute("recordingStatusCallbackEvent")).isEqualTo("completed absent");

        Line silent = Lines.load(Settings.of(Map.of("TWILIO_FORWARD_TO", "+19045550177", "DIAL_RECORD", "do-not-record")))
                .fallback();
        String unrecorded = new com.twilio.twiml.VoiceResponse.Builder().dial(VoiceTwiml.recordedAsTheLineSays(
                new com.twilio.twiml.voice.Dial.Builder("+19045550123"), silent, urls).build()).build().toXml();
        Element plain = (Element) parse(unrecorded).getDocumentElement().getElementsByTagName("Dial").item(0);
        assertThat(plain.hasAttribute("record")).isFalse();
        assertThat(plain.hasAttribute("recordingStatusCallback")).isFalse();
    }

    @Test
    void forwardGreetsThenDialsTheOwnerWithRecordingAndCallbacks() throws Exception {
        Document doc = parse(twiml.forward(line, "+19045550177", "+19045550123", Optional.empty()));
        Element response = doc.getDocumentElement();
        assertThat(response.getTagName()).isEqualTo("Response");
        Element say = (Element) response.getElementsByTagName("Say").item(0);
        assertThat(say.getTextContent()).contains("Mechanic St. Augustine").contains("recorded");
        Element dial = (Element) response.getElementsByTagName("Dial").item(0);
        assertThat(dial.getAttribute("callerId")).isEqualTo("+19045550200");
        assertThat(dial.getAttribute("answerOnBridge")).isEqualTo("true");
        assertThat(dial.getAttribute("timeout")).isEqualTo("20");
        assertThat(dial.getAttribute("record")).isEqualTo("record-from-answer-dual");
        assertThat(dial.getAttribute("recordingStatusCallback")).isEqualTo("https://phone.example.com/twilio/voice/recording");
        assertThat(dial.getAttribute("action")).isEqualTo("https://phone.example.com/twilio/voice/dial-status");
        assertThat(dial.getAttribute("method")).isEqualTo("POST");
        Element number = (Element) dial.getElementsByTagName("Number").item(0);
        assertThat(number.getTextContent()).isEqualTo("+19045550177");
        assertThat(number.hasAttribute("url")).isFalse();
        // Say comes before Dial.
        assertThat(response.getFirstChild().getNodeName()).isEqualTo("Say");
    }

    @Test
    void screeningAddsAWhisperUrlToTheNumber() throws Exception {
        Document doc = parse(twiml.forward(line, "+19045550177", "+19045550123",
                Optional.of("https://phone.example.com/twilio/voice/screen")));
        Element number = (Element) doc.getElementsByTagName("Number").item(0);
        assertThat(number.getAttribute("url")).isEqualTo("https://phone.example.com/twilio/voice/screen");
    }

    @Test
    void voicemailPromptsThenRecordsWithABeep() throws Exception {
        Document doc = parse(twiml.voicemail(line, line.voicemailPrompt(), "+19045550123"));
        Element record = (Element) doc.getElementsByTagName("Record").item(0);
        assertThat(record.getAttribute("maxLength")).isEqualTo("120");
        assertThat(record.getAttribute("playBeep")).isEqualTo("true");
        assertThat(record.getAttribute("finishOnKey")).isEqualTo("#");
        assertThat(record.getAttribute("recordingStatusCallback")).isEqualTo("https://phone.example.com/twilio/voice/recording");
        assertThat(record.getAttribute("action")).isEqualTo("https://phone.example.com/twilio/voice/voicemail-complete");
        assertThat(doc.getElementsByTagName("Dial").getLength()).isZero();
    }

    @Test
    void textIsEscapedByTheTwimlBuilder() throws Exception {
        Line odd = Lines.load(Settings.of(Map.of("TWILIO_FORWARD_TO", "+19045550177",
                "BUSINESS_NAME", "Tom & Jerry's <Garage>"))).fallback();
        Document doc = parse(twiml.forward(odd, "+19045550177", "", Optional.empty()));
        assertThat(doc.getElementsByTagName("Say").item(0).getTextContent()).contains("Tom & Jerry's <Garage>");
    }

    static final String[] NASTY = {"A\u0000B", "\u0001\u0008\u000B\u000C\u001F", "lone \uD800 high", "lone \uDC00 low",
            "end \uD83D", "\uFFFE\uFFFF", "<Say>&amp;</Say>]]>", "\uD83D\uDE97 emoji", "9".repeat(5000)};

    @Test
    void nastyCallerValuesAlwaysMakeWellFormedTwimlAndABoundedSay() throws Exception {
        Line greetsCaller = Lines.load(Settings.of(Map.of("TWILIO_FORWARD_TO", "+19045550177",
                "GREETING", "Hello {caller}, thanks for calling {business}."))).fallback();
        for (String caller : NASTY) {
            Document forward = parse(twiml.forward(greetsCaller, "+19045550177", caller, Optional.empty()));
            String said = forward.getElementsByTagName("Say").item(0).getTextContent();
            assertThat(said).startsWith("Hello ").endsWith(", thanks for calling our shop.")
                    .hasSizeLessThan(40 + dev.switchboard.shared.text.SafeText.MAX_CALLER_CHARS)
                    .doesNotContain("\u0000", "\uFFFE", "\uFFFF");
            parse(twiml.voicemail(greetsCaller, "Sorry {caller}", caller));
            parse(twiml.sayAndHangUp("Goodbye " + caller));
        }
        String said = parse(twiml.forward(greetsCaller, "+19045550177", "A\u0000B", Optional.empty()))
                .getElementsByTagName("Say").item(0).getTextContent();
        assertThat(said).isEqualTo("Hello AB, thanks for calling our shop.");
    }
}
