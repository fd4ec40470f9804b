package dev.switchboard.shared.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TwilioSignatureTest {

    // Twilio's published example (twilio-python / twilio-php / twilio-csharp RequestValidator tests).
    static final String TOKEN = "12345";
    static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
    static final Map<String, List<String>> PARAMS = Map.of(
            "CallSid", List.of("CA1234567890ABCDE"),
            "Caller", List.of("+14158675309"),
            "Digits", List.of("1234"),
            "From", List.of("+14158675309"),
            "To", List.of("+18005551212"));

    @Test
    void reproducesTwiliosPublishedVector() {
        assertThat(TwilioSignature.compute(TOKEN, URL, PARAMS)).isEqualTo("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
    }

    @Test
    void everyInputChangesTheSignature() {
        assertThat(TwilioSignature.compute("54321", URL, PARAMS)).isNotEqualTo("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
        assertThat(TwilioSignature.compute(TOKEN, URL + "&x=1", PARAMS)).isNotEqualTo("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
        Map<String, List<String>> tampered = new LinkedHashMap<>(PARAMS);
        tampered.put("Digits", List.of("9999"));
        assertThat(TwilioSignature.compute(TOKEN, URL, tampered)).isNotEqualTo("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
    }

    @Test
    void repeatedKeysContributeEachDistinctValueSorted() {
        // Vector from the twilio-python test suite: Digits repeated (5678, 1234, 1234).
        Map<String, List<String>> repeated = new LinkedHashMap<>();
        repeated.put("Sid", List.of("CA123"));
        repeated.put("SidAccount", List.of("AC123"));
        repeated.put("Digits", List.of("5678", "1234", "1234"));
        assertThat(TwilioSignature.compute(TOKEN, URL, repeated)).isEqualTo("IK+Dwps556ElfBT0I3Rgjkr1wJU=");
    }

    @Test
    void bodyHashMatchesTwiliosVector() {
        byte[] body = "{\"property\": \"value\", \"boolean\": true}".getBytes(StandardCharsets.UTF_8);
        assertThat(TwilioSignature.bodySha256(body))
                .isEqualTo("0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620");
    }

    @Test
    void jsonBodiesAreSignedThroughTheUrlOnly() {
        byte[] body = "{\"property\": \"value\", \"boolean\": true}".getBytes(StandardCharsets.UTF_8);
        String[] signed = TwilioSignature.signJson(TOKEN, URL, body);
        assertThat(signed[0]).isEqualTo(URL + "&bodySHA256=0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620");
        assertThat(signed[1]).isEqualTo("a9nBmqA0ju/hNViExpshrM61xv4=");
    }

    @Test
    void portVariantsAddTheDefaultPortOrRemoveAnyPort() {
        assertThat(TwilioSignature.portVariants("https://example.com/twilio/voice?To=%2B1904"))
                .containsExactly("https://example.com/twilio/voice?To=%2B1904",
                        "https://example.com:443/twilio/voice?To=%2B1904");
        assertThat(TwilioSignature.portVariants("https://example.com:443/a"))
                .containsExactly("https://example.com:443/a", "https://example.com/a");
        // Any port is removed, as twilio-python/-node/-go/-java validate (not only the scheme's default).
        assertThat(TwilioSignature.portVariants("http://localhost:3000/a"))
                .containsExactly("http://localhost:3000/a", "http://localhost/a");
        assertThat(TwilioSignature.portVariants("https://user:pass@example.com:1234/a?b=c:d"))
                .containsExactly("https://user:pass@example.com:1234/a?b=c:d", "https://user:pass@example.com/a?b=c:d");
        assertThat(TwilioSignature.portVariants("http://localhost/a?x=1:2"))
                .containsExactly("http://localhost/a?x=1:2", "http://localhost:80/a?x=1:2");
    }

    @Test
    void comparisonIsExact() {
        assertThat(TwilioSignature.matches("abc=", "abc=")).isTrue();
        assertThat(TwilioSignature.matches("abc=", "abd=")).isFalse();
        assertThat(TwilioSignature.matches("abc=", null)).isFalse();
    }
}
