package dev.switchboard.shared.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.shared.http.FormParameters;
import dev.switchboard.shared.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TwilioRequestVerifierTest {

    static final String TOKEN = "test-token";
    static final String BASE = "https://phone.example.com";
    final TwilioRequestVerifier verifier = new TwilioRequestVerifier(BASE, List.of(TOKEN));

    static HttpRequest request(String path, String rawQuery, String body, String contentType, Map<String, String> headers) {
        Map<String, String> all = new HashMap<>(headers);
        all.put("Content-Type", contentType);
        return new HttpRequest("POST", path, rawQuery, all, body.getBytes(StandardCharsets.UTF_8), "1.2.3.4", Map.of());
    }

    static HttpRequest form(String path, String rawQuery, String body, String signature) {
        return request(path, rawQuery, body, "application/x-www-form-urlencoded", Map.of("X-Twilio-Signature", signature));
    }

    @Test
    void acceptsASignedForm() {
        String body = "CallSid=CA1&From=%2B19045550123&To=%2B19045550200";
        String signature = TwilioSignature.compute(TOKEN, BASE + "/twilio/voice",
                Map.of("CallSid", List.of("CA1"), "From", List.of("+19045550123"), "To", List.of("+19045550200")));
        HttpRequest request = form("/twilio/voice", "", body, signature);
        assertThat(verifier.rejection(request, FormParameters.parse(body))).isEmpty();
    }

    @Test
    void rejectsATamperedParameterAMissingHeaderAndAnotherToken() {
        String signature = TwilioSignature.compute(TOKEN, BASE + "/twilio/voice", Map.of("CallSid", List.of("CA1")));
        assertThat(verifier.rejection(form("/twilio/voice", "", "CallSid=CA2", signature), FormParameters.parse("CallSid=CA2")))
                .hasValueSatisfying(reason -> assertThat(reason).contains("does not match"));
        assertThat(verifier.rejection(request("/twilio/voice", "", "CallSid=CA1", "application/x-www-form-urlencoded",
                Map.of()), FormParameters.parse("CallSid=CA1"))).contains("no X-Twilio-Signature header");
        String other = TwilioSignature.compute("other-token", BASE + "/twilio/voice", Map.of("CallSid", List.of("CA1")));
        assertThat(verifier.rejection(form("/twilio/voice", "", "CallSid=CA1", other), FormParameters.parse("CallSid=CA1")))
                .isPresent();
    }

    @Test
    void signsTheRawQueryStringExactlyAsReceived() {
        // Twilio signs the query as sent; decoding %2B/%26 (as java.net.URI does) would break the match.
        String rawQuery = "line=%2B19045550200&note=a%26b";
        String signature = TwilioSignature.compute(TOKEN, BASE + "/twilio/voice/status?" + rawQuery, Map.of());
        assertThat(verifier.rejection(form("/twilio/voice/status", rawQuery, "", signature), FormParameters.parse("")))
                .isEmpty();
        String decodedSignature = TwilioSignature.compute(TOKEN, BASE + "/twilio/voice/status?line=+19045550200&note=a&b",
                Map.of());
        assertThat(verifier.rejection(form("/twilio/voice/status", rawQuery, "", decodedSignature), FormParameters.parse("")))
                .isPresent();
    }

    @Test
    void acceptsTheUrlWithOrWithoutTheDefaultPort() {
        String withPort = TwilioSignature.compute(TOKEN, "https://phone.example.com:443/twilio/sms", Map.of("A", List.of("1")));
        assertThat(verifier.rejection(form("/twilio/sms", "", "A=1", withPort), FormParameters.parse("A=1"))).isEmpty();

        TwilioRequestVerifier portConfigured = new TwilioRequestVerifier("https://phone.example.com:443", List.of(TOKEN));
        String withoutPort = TwilioSignature.compute(TOKEN, "https://phone.example.com/twilio/sms", Map.of("A", List.of("1")));
        assertThat(portConfigured.rejection(form("/twilio/sms", "", "A=1", withoutPort), FormParameters.parse("A=1"))).isEmpty();

        String otherPort = TwilioSignature.compute(TOKEN, "https://phone.example.com:8443/twilio/sms", Map.of("A", List.of("1")));
        assertThat(verifier.rejection(form("/twilio/sms", "", "A=1", otherPort), FormParameters.parse("A=1"))).isPresent();
    }

    @Test
    void coversRepeatedFormKeys() {
        String body = "Digits=5678&Digits=1234&Sid=CA1";
        FormParameters params = FormParameters.parse(body);
        assertThat(params.all("Digits")).containsExactly("5678", "1234");
        String signature = TwilioSignature.compute(TOKEN, BASE + "/twilio/voice", params.asMap());
        assertThat(verifier.rejection(form("/twilio/voice", "", body, signature), params)).isEmpty();
        // Dropping one of the repeated values must fail.
        assertThat(verifier.rejection(form("/twilio/voice", "", "Digits=5678&Sid=CA1", signature),
                FormParameters.parse("Digits=5678&Sid=CA1"))).isPresent();
    }

    @Test
    void verifiesJsonBodiesThroughBodySha256() {
        byte[] body = "{\"transcript_sid\":\"GT1\",\"event_type\":\"voice_intelligence_transcript_available\"}"
                .getBytes(StandardCharsets.UTF_8);
        String[] signed = TwilioSignature.signJson(TOKEN, BASE + "/twilio/intelligence", body);
        String rawQuery = signed[0].substring(signed[0].indexOf('?') + 1);
        HttpRequest good = new HttpRequest("POST", "/twilio/intelligence", rawQuery,
                Map.of("content-type", "application/json", "x-twilio-signature", signed[1]), body, null, Map.of());
        assertThat(verifier.rejection(good, FormParameters.parse(""))).isEmpty();

        byte[] altered = "{\"transcript_sid\":\"GT2\",\"event_type\":\"voice_intelligence_transcript_available\"}"
                .getBytes(StandardCharsets.UTF_8);
        HttpRequest tampered = new HttpRequest("POST", "/twilio/intelligence", rawQuery,
                Map.of("content-type", "application/json", "x-twilio-signature", signed[1]), altered, null, Map.of());
        assertThat(verifier.rejection(tampered, FormParameters.parse(""))).contains("body does not match bodySHA256");

        HttpRequest noHash = new HttpRequest("POST", "/twilio/intelligence", "",
                Map.of("content-type", "application/json", "x-twilio-signature", signed[1]), body, null, Map.of());
        assertThat(verifier.rejection(noHash, FormParameters.parse(""))).isPresent();
    }

    @Test
    void acceptsSignalWiresHeaderAndItsSigningKey() {
        TwilioRequestVerifier signalWire = new TwilioRequestVerifier(BASE, List.of(TOKEN, "PSK_signing_key"));
        String signature = TwilioSignature.compute("PSK_signing_key", BASE + "/twilio/voice", Map.of("CallSid", List.of("x")));
        HttpRequest request = request("/twilio/voice", "", "CallSid=x", "application/x-www-form-urlencoded",
                Map.of("X-SignalWire-Signature", signature));
        assertThat(signalWire.rejection(request, FormParameters.parse("CallSid=x"))).isEmpty();
    }

    @Test
    void aTokenRotatedInSsmIsCheckedAgainstWithoutANewContainer() {
        Map<String, String> ssm = new java.util.concurrent.ConcurrentHashMap<>(Map.of("/sb/token", "old-token"));
        dev.switchboard.shared.config.ParameterStore store = new dev.switchboard.shared.config.ParameterStore() {
            @Override
            public java.util.Optional<String> parameter(String name) {
                return java.util.Optional.ofNullable(ssm.get(name));
            }

            @Override
            public java.util.Optional<String> secret(String secretId) {
                return java.util.Optional.empty();
            }
        };
        TwilioWebhook webhook = TwilioWebhook.fromSettings(new dev.switchboard.shared.config.Settings(
                dev.switchboard.shared.config.Env.of(Map.of("PUBLIC_BASE_URL", BASE,
                        "TWILIO_AUTH_TOKEN_PARAMETER", "/sb/token")), store));
        String body = "CallSid=CA1";
        Map<String, List<String>> params = Map.of("CallSid", List.of("CA1"));
        HttpRequest signedWithNew = form("/twilio/voice", "", body,
                TwilioSignature.compute("new-token", BASE + "/twilio/voice", params));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> webhook.accept(signedWithNew))
                .isInstanceOf(dev.switchboard.shared.http.HttpProblem.class);
        ssm.put("/sb/token", "new-token");
        assertThat(webhook.accept(signedWithNew).first("CallSid")).contains("CA1");
    }
}
