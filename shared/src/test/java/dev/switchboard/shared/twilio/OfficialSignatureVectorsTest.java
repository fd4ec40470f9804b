package dev.switchboard.shared.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.shared.http.FormParameters;
import dev.switchboard.shared.http.HttpRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The request-validation test vectors of the official SDKs, verbatim (URL, parameters, body, token,
 * expected signature), each run through {@link TwilioRequestVerifier} as a real request: the URL split
 * into the configured base URL, the route path and the raw query string, the parameters form-encoded.
 */
class OfficialSignatureVectorsTest {

    // twilio-python tests/unit/test_request_validator.py, twilio-go client/request_validator_test.go,
    // twilio-java src/test/java/com/twilio/security/RequestValidatorTest.java (the same vectors in all three).
    static final String TOKEN = "12345";
    static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
    static final Map<String, List<String>> PARAMS = ordered(
            "CallSid", "CA1234567890ABCDE",
            "Digits", "1234",
            "From", "+14158675309",
            "To", "+18005551212",
            "Caller", "+14158675309");
    static final String BODY = "{\"property\": \"value\", \"boolean\": true}";
    static final String BODY_HASH = "0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620";

    @Test
    void twilioPythonComputeSignature() {
        assertThat(TwilioSignature.compute(TOKEN, URL, PARAMS)).isEqualTo("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
        assertThat(twilio(URL, PARAMS, TOKEN, "RSOYDt4T1cUTdK1PDd93/VVr8B8=")).isEmpty();
    }

    @Test
    void twilioPythonDuplicateMultiDict() {
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("Sid", List.of("CA123"));
        params.put("SidAccount", List.of("AC123"));
        params.put("Digits", List.of("5678", "1234"));
        assertThat(twilio(URL, params, TOKEN, "IK+Dwps556ElfBT0I3Rgjkr1wJU=")).isEmpty();
    }

    @Test
    void twilioPythonGoJavaRemovePortOnHttps() {
        // "https://mycompany.com:1234/myapp.php?foo=1&bar=2" validates the signature of the URL without :1234.
        assertThat(twilio(URL.replace(".com", ".com:1234"), PARAMS, TOKEN, "RSOYDt4T1cUTdK1PDd93/VVr8B8=")).isEmpty();
    }

    @Test
    void twilioPythonGoJavaRemovePortOnHttp() {
        // "hash of http uri with port 1234": the URL as given still counts.
        String url = URL.replace(".com", ".com:1234").replace("https", "http");
        assertThat(twilio(url, PARAMS, TOKEN, "Zmvh+3yNM1Phv2jhDCwEM3q5ebU=")).isEmpty();
        // ... and so does the URL without the port (the signature of http://mycompany.com/...).
        String withoutPort = TwilioSignature.compute(TOKEN, URL.replace("https", "http"), PARAMS);
        assertThat(twilio(url, PARAMS, TOKEN, withoutPort)).isEmpty();
    }

    @Test
    void twilioPythonGoJavaAddPortOnHttps() {
        assertThat(twilio(URL, PARAMS, TOKEN, "kvajT1Ptam85bY51eRf/AJRuM3w=")).isEmpty();
    }

    @Test
    void twilioPythonGoJavaAddPortOnHttp() {
        assertThat(twilio(URL.replace("https", "http"), PARAMS, TOKEN, "0ZXoZLH/DfblKGATFgpif+LLRf4=")).isEmpty();
    }

    @Test
    void twilioPythonGoJavaValidationOfBody() {
        assertThat(TwilioSignature.bodySha256(BODY.getBytes(StandardCharsets.UTF_8))).isEqualTo(BODY_HASH);
        assertThat(json(URL + "&bodySHA256=" + BODY_HASH, BODY, TOKEN, "a9nBmqA0ju/hNViExpshrM61xv4=",
                "x-twilio-signature")).isEmpty();
    }

    @Test
    void twilioGoJavaBodyWithNoOtherParameters() {
        assertThat(json("https://mycompany.com/myapp.php?bodySHA256=" + BODY_HASH, BODY, TOKEN,
                "y77kIzt2vzLz71DgmJGsen2scGs=", "x-twilio-signature")).isEmpty();
    }

    @Test
    void twilioGoJavaWrongSignatureFails() {
        assertThat(twilio(URL, PARAMS, TOKEN, "WRONG SIGNATURE")).isPresent();
        assertThat(twilio(URL, PARAMS, TOKEN, "NOTRSOYDt4T1cUTdK1PDd93/VVr8B8=")).isPresent();
    }

    @Test
    void twilioNodeWebhooksSpecPortsBothWays() {
        // twilio-node spec/unit/webhooks/webhooks.spec.js: token "s3cr3t", no parameters.
        String token = "s3cr3t";
        String withPort = TwilioSignature.compute(token, "https://example.com:443/path?test=param", Map.of());
        String withoutPort = TwilioSignature.compute(token, "https://example.com/path?test=param", Map.of());
        assertThat(twilio("https://example.com:443/path?test=param", Map.of(), token, withPort)).isEmpty();
        assertThat(twilio("https://example.com/path?test=param", Map.of(), token, withPort)).isEmpty();
        assertThat(twilio("https://example.com/path?test=param", Map.of(), token, withoutPort)).isEmpty();
        assertThat(twilio("https://example.com:443/path?test=param", Map.of(), token, withoutPort)).isEmpty();
        // "should return false when the signature URL does not match the target URL"
        assertThat(twilio("https://example.com/path?test=param2", Map.of(), token, withoutPort)).isPresent();
    }

    // SignalWire compatibility-api-js spec/validation.spec.js (same token, URL and parameters as Twilio's).

    @Test
    void signalWireCompatibilityArrayParameter() {
        Map<String, List<String>> params = Map.of("MessagingBinding.Address", List.of("+1325xxxxxxx", "+1415xxxxxxx"));
        assertThat(signalWire(URL, params, TOKEN, "83O6e2vORAoJHUNzJjDWN1jz+BA=")).isEmpty();
    }

    @Test
    void signalWireCompatibilityUrlsWithCredentials() {
        String urlWithCreds = "https://user:pass@mycompany.com/myapp.php?foo=1&bar=2";
        assertThat(signalWire(urlWithCreds, PARAMS, TOKEN, "CukzLTc1tT5dXEDIHm/tKBanW10=")).isEmpty();
        assertThat(signalWire(urlWithCreds, PARAMS, TOKEN, "ZQFR1PTIZXF2MXB8ZnKCvnnA+rI=")).isEmpty();
        assertThat(signalWire("https://user@mycompany.com/myapp.php?foo=1&bar=2", PARAMS, TOKEN,
                "2YRLlVAflCqxaNicjMpJcSTgzSs=")).isEmpty();
    }

    @Test
    void signalWireCompatibilityPortsAndSpecialCharacters() {
        assertThat(signalWire(URL.replace(".com", ".com:1234"), PARAMS, TOKEN, "RSOYDt4T1cUTdK1PDd93/VVr8B8=")).isEmpty();
        assertThat(signalWire(URL + "&Body=It's+amazing", PARAMS, TOKEN, "dsq4Ehbj6cs+KdTkpF5sSSplOWw=")).isEmpty();
    }

    @Test
    void signalWireCompatibilityEmptyBody() {
        String hash = "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";
        assertThat(json(URL + "&bodySHA256=" + hash, "{}", TOKEN, "Ldidvp12m26NI7eqEvxnEpkd9Hc=",
                "x-signalwire-signature")).isEmpty();
    }

    @Test
    void signalWirePythonRealHttpAndHttpsRequests() {
        // signalwire-python signalwire/tests/test_request_validator.py: requests SignalWire itself sent.
        String key = "PSK_V3bF8oyeRNpJWGoRWHNYQMUU";
        Map<String, List<String>> http = ordered(
                "AccountSid", "6bfbbe86-a901-4197-8759-2a0de1fa319d",
                "ApiVersion", "2010-04-01",
                "CallbackSource", "call-progress-events",
                "CallSid", "0703574f-b151-465d-aedb-28972eb513c7",
                "CallStatus", "busy",
                "Direction", "outbound-api",
                "From", "sip:+17063958228@sip.swire.io",
                "HangupBy", "sip:jpsantos@joaosantos-2a0de1fa319d.sip.swire.io",
                "HangupDirection", "inbound",
                "Timestamp", "Thu, 09 Nov 2023 17:05:04 +0000",
                "To", "sip:jpsantos@joaosantos-2a0de1fa319d.sip.swire.io",
                "SipResultCode", "486");
        assertThat(signalWire("http://0aac-189-71-169-171.ngrok-free.app/voice", http, key,
                "lf3nWPmUr2y6jSeeoMW4mg58vgI=")).isEmpty();
        Map<String, List<String>> https = ordered(
                "CallSid", "a97d4e8a-6047-4e2b-be48-fb96b33b5642",
                "AccountSid", "6bfbbe86-a901-4197-8759-2a0de1fa319d",
                "ApiVersion", "2010-04-01",
                "Direction", "outbound-api",
                "From", "sip:+17063958228@sip.swire.io",
                "To", "sip:jpsantos@joaosantos-2a0de1fa319d.sip.swire.io",
                "Timestamp", "Thu, 09 Nov 2023 14:40:55 +0000",
                "CallStatus", "no-answer",
                "CallbackSource", "call-progress-events",
                "HangupDirection", "outbound",
                "HangupBy", "sip:+17063958228@sip.swire.io",
                "SipResultCode", "487");
        assertThat(signalWire("https://675d-189-71-169-171.ngrok-free.app/voice", https, key,
                "muUMpldcBHlzuXGZ5gbw1ETZCYA=")).isEmpty();
    }

    @Test
    void signalWireKeepsRepeatedValuesInSubmissionOrderTwilioSortsThem() {
        // compatibility-api-js toFormUrlEncodedParam: an array's values are appended as submitted, unsorted and
        // not de-duplicated; twilio-python sorts the distinct values. Submitted order here: 5678, 1234, 1234.
        Map<String, List<String>> params = ordered("Digits", "5678", "Digits", "1234", "Digits", "1234", "Sid", "CA1");
        String submitted = hmac(TOKEN, URL + "Digits5678Digits1234Digits1234SidCA1");
        String sorted = hmac(TOKEN, URL + "Digits1234Digits5678SidCA1");
        assertThat(sorted).isEqualTo(TwilioSignature.compute(TOKEN, URL, params));
        assertThat(signalWire(URL, params, TOKEN, submitted)).isEmpty();
        assertThat(signalWire(URL, params, TOKEN, sorted)).isPresent();
        assertThat(twilio(URL, params, TOKEN, sorted)).isEmpty();
        assertThat(twilio(URL, params, TOKEN, submitted)).isPresent();
    }

    private static Optional<String> twilio(String url, Map<String, List<String>> params, String token, String signature) {
        return form(url, params, token, signature, "x-twilio-signature");
    }

    private static Optional<String> signalWire(String url, Map<String, List<String>> params, String token,
                                               String signature) {
        return form(url, params, token, signature, "x-signalwire-signature");
    }

    /** Sends {@code params} form-encoded to {@code url}, configured as base URL + path + raw query. */
    private static Optional<String> form(String url, Map<String, List<String>> params, String token, String signature,
                                         String header) {
        StringBuilder body = new StringBuilder();
        params.forEach((name, values) -> values.forEach(value -> body.append(body.length() == 0 ? "" : "&")
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8))));
        String[] parts = split(url);
        HttpRequest request = new HttpRequest("POST", parts[1], parts[2],
                Map.of("content-type", "application/x-www-form-urlencoded", header, signature),
                body.toString().getBytes(StandardCharsets.UTF_8), "1.2.3.4", Map.of());
        FormParameters form = FormParameters.parse(body.toString());
        assertThat(form.asMap()).isEqualTo(params);
        return new TwilioRequestVerifier(parts[0], List.of(token)).rejection(request, form);
    }

    private static Optional<String> json(String url, String body, String token, String signature, String header) {
        String[] parts = split(url);
        HttpRequest request = new HttpRequest("POST", parts[1], parts[2],
                Map.of("content-type", "application/json", header, signature),
                body.getBytes(StandardCharsets.UTF_8), "1.2.3.4", Map.of());
        return new TwilioRequestVerifier(parts[0], List.of(token)).rejection(request, FormParameters.parse(""));
    }

    /** {base URL, path, raw query}. */
    private static String[] split(String url) {
        int pathStart = url.indexOf('/', url.indexOf("://") + 3);
        int queryStart = url.indexOf('?');
        String path = queryStart < 0 ? url.substring(pathStart) : url.substring(pathStart, queryStart);
        String query = queryStart < 0 ? "" : url.substring(queryStart + 1);
        return new String[] {url.substring(0, pathStart), path, query};
    }

    private static Map<String, List<String>> ordered(String... namesAndValues) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            params.computeIfAbsent(namesAndValues[i], k -> new java.util.ArrayList<>()).add(namesAndValues[i + 1]);
        }
        params.replaceAll((k, v) -> List.copyOf(v));
        return params;
    }

    private static String hmac(String key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
