package dev.switchboard.tools;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.http.FormParameters;
import dev.switchboard.shared.testing.FakeTwilioApi;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code configure-number} against a WireMock fake of Twilio's IncomingPhoneNumbers API. */
class ConfigureNumberTest {

    private static final String ACCOUNT = FakeTwilioApi.ACCOUNT_SID;
    private static final String NUMBERS = "/2010-04-01/Accounts/" + ACCOUNT + "/IncomingPhoneNumbers.json";
    private static final String NUMBER_SID = "PN0123456789abcdef0123456789abcdef";
    private static final String UPDATE = "/2010-04-01/Accounts/" + ACCOUNT + "/IncomingPhoneNumbers/" + NUMBER_SID + ".json";
    private static final String BASE = "https://abc123.execute-api.us-east-1.amazonaws.com";

    private FakeTwilioApi twilio;
    private ConfigureNumberCommand.StackBaseUrl stackBaseUrl = (stackName, region) -> {
        throw new AssertionError("no stack lookup expected");
    };
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start() {
        twilio = new FakeTwilioApi();
        twilio.server().stubFor(post(urlPathEqualTo(UPDATE)).willReturn(json(200,
                number("+19045550200", BASE + "/twilio/voice", BASE + "/twilio/voice/status", BASE + "/twilio/sms", ""))));
    }

    @AfterEach
    void stop() {
        twilio.close();
    }

    @Test
    void aDryRunShowsEveryChangeAndWritesNothing() {
        numberIs(number("+19045550200", "https://old-tunnel.example.com/incoming.php", "", "", "AP11111111111111111111111111111111"));

        int code = run("configure-number", "+1 (904) 555-0200", "--base-url", BASE + "/", "--dry-run");

        assertThat(code).isZero();
        assertThat(stdout()).contains("+19045550200 (" + NUMBER_SID + ", Main line)")
                .contains("VoiceUrl              https://old-tunnel.example.com/incoming.php -> " + BASE + "/twilio/voice")
                .contains("StatusCallback        (none) -> " + BASE + "/twilio/voice/status")
                .contains("SmsUrl                (none) -> " + BASE + "/twilio/sms")
                .contains("VoiceMethod           POST (unchanged)")
                .contains("VoiceApplicationSid   AP11111111111111111111111111111111 -> (none)")
                .contains("Dry run: 4 setting(s) would change; nothing was changed.");
        assertThat(twilio.server().findAll(postRequestedFor(urlPathEqualTo(UPDATE)))).isEmpty();
        // The lookup asks Twilio for exactly this number.
        assertThat(twilio.server().findAll(com.github.tomakehurst.wiremock.client.WireMock
                .getRequestedFor(urlPathEqualTo(NUMBERS)).withQueryParam("PhoneNumber", equalTo("+19045550200"))))
                .hasSize(1);
    }

    @Test
    void theNumberIsPointedAtTheStackInOneUpdate() {
        numberIs(number("+19045550200", "https://old-tunnel.example.com/incoming.php", "", "", "AP11111111111111111111111111111111"));

        int code = run("configure-number", "+19045550200", "--base-url", BASE);

        assertThat(code).as(err()).isZero();
        List<LoggedRequest> updates = twilio.server().findAll(postRequestedFor(urlPathEqualTo(UPDATE)));
        assertThat(updates).hasSize(1);
        FormParameters form = FormParameters.parse(updates.get(0).getBodyAsString());
        assertThat(form.first("VoiceUrl")).contains(BASE + "/twilio/voice");
        assertThat(form.first("StatusCallback")).contains(BASE + "/twilio/voice/status");
        assertThat(form.first("SmsUrl")).contains(BASE + "/twilio/sms");
        assertThat(form.all("VoiceApplicationSid")).containsExactly(""); // an empty value detaches the TwiML App
        // Settings that are already right are not sent.
        assertThat(form.names()).containsExactlyInAnyOrder("VoiceUrl", "StatusCallback", "SmsUrl", "VoiceApplicationSid");
        assertThat(updates.get(0).getHeader("Authorization")).startsWith("Basic ");
        assertThat(stdout()).contains("Updated 4 setting(s).");
    }

    @Test
    void aNumberAlreadyPointedAtTheStackIsLeftAlone() {
        numberIs(number("+19045550200", BASE + "/twilio/voice", BASE + "/twilio/voice/status", BASE + "/twilio/sms", ""));

        int code = run("configure-number", "+19045550200", "--base-url", BASE);

        assertThat(code).isZero();
        assertThat(stdout()).contains("nothing to change");
        assertThat(twilio.server().findAll(postRequestedFor(urlPathEqualTo(UPDATE)))).isEmpty();
    }

    @Test
    void aNumberNotInTheAccountIsAClearError() {
        // Twilio's filter matches substrings: a longer number that contains ours is not ours.
        numberIs(number("+190455502001", "", "", "", ""));

        int code = run("configure-number", "+19045550200", "--base-url", BASE);

        assertThat(code).isEqualTo(1);
        assertThat(err()).contains("No phone number +19045550200 in this Twilio account");
        assertThat(twilio.server().findAll(postRequestedFor(urlPathEqualTo(UPDATE)))).isEmpty();
    }

    @Test
    void wrongCredentialsAreReportedWithoutAStackTrace() {
        twilio.server().stubFor(get(urlPathEqualTo(NUMBERS)).atPriority(1).willReturn(json(401,
                FakeTwilioApi.error(401, 20003, "Authenticate"))));

        int code = run("configure-number", "+19045550200", "--base-url", BASE);

        assertThat(code).isEqualTo(1);
        assertThat(err()).contains("HTTP 401").contains("Authenticate").doesNotContain("at com.twilio");
    }

    @Test
    void badArgumentsAreUsageErrors() {
        assertThat(run("configure-number", "+19045550200")).isEqualTo(2);
        assertThat(err()).contains("either --base-url URL or --stack NAME");
        assertThat(run("configure-number", "+19045550200", "--base-url", "abc123.execute-api.amazonaws.com")).isEqualTo(2);
        assertThat(err()).contains("absolute http(s) URL");
        assertThat(run("configure-number", "9045550200x", "--base-url", BASE)).isEqualTo(2);
        assertThat(err()).contains("E.164");
        assertThat(twilio.server().getAllServeEvents()).isEmpty();
    }

    @Test
    void theBaseUrlComesFromTheStacksOutputs() {
        numberIs(number("+19045550200", "", "", "", ""));
        List<String> asked = new java.util.ArrayList<>();
        stackBaseUrl = (stackName, region) -> {
            asked.add(stackName + "@" + region);
            return BASE;
        };

        int code = run("configure-number", "+19045550200", "--stack", "switchboard-dev", "--region", "us-east-1",
                "--dry-run");

        assertThat(code).as(err()).isZero();
        assertThat(asked).containsExactly("switchboard-dev@us-east-1");
        assertThat(stdout()).contains("VoiceUrl              (none) -> " + BASE + "/twilio/voice");
    }

    @Test
    void aStackThatCannotBeReadIsAnErrorNotAStackTrace() {
        stackBaseUrl = (stackName, region) -> {
            throw new IllegalStateException("Could not read stack " + stackName + " from CloudFormation: "
                    + "Stack with id nope does not exist");
        };

        assertThat(run("configure-number", "+19045550200", "--stack", "nope")).isEqualTo(1);
        assertThat(err()).contains("Stack with id nope does not exist").doesNotContain("\tat ");
        assertThat(twilio.server().getAllServeEvents()).isEmpty();
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        Settings settings = Settings.of(Map.of("TWILIO_ACCOUNT_SID", ACCOUNT, "TWILIO_AUTH_TOKEN", "secret-token",
                "TWILIO_API_BASE_URL", twilio.baseUrl()));
        assertThat(args[0]).isEqualTo("configure-number");
        CommandLine command = new CommandLine(new ConfigureNumberCommand(() -> settings, stackBaseUrl));
        command.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        command.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        return command.execute(Arrays.copyOfRange(args, 1, args.length));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private void numberIs(String numberJson) {
        twilio.server().stubFor(get(urlPathEqualTo(NUMBERS)).willReturn(json(200, "{\"incoming_phone_numbers\": ["
                + numberJson + "], \"end\": 0, \"first_page_uri\": \"" + NUMBERS + "?PageSize=20&Page=0\","
                + " \"next_page_uri\": null, \"page\": 0, \"page_size\": 20, \"previous_page_uri\": null,"
                + " \"start\": 0, \"uri\": \"" + NUMBERS + "?PageSize=20&Page=0\"}")));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** An IncomingPhoneNumber resource as the API documents it. */
    private static String number(String phone, String voiceUrl, String statusCallback, String smsUrl, String voiceApp) {
        return "{\"account_sid\": \"" + ACCOUNT + "\", \"address_requirements\": \"none\", \"api_version\": \"2010-04-01\","
                + " \"beta\": false, \"capabilities\": {\"voice\": true, \"sms\": true, \"mms\": true, \"fax\": false},"
                + " \"date_created\": \"Thu, 30 Jul 2015 23:19:04 +0000\", \"date_updated\": \"Thu, 30 Jul 2015 23:19:04 +0000\","
                + " \"emergency_status\": \"Active\", \"friendly_name\": \"Main line\", \"identity_sid\": null,"
                + " \"origin\": \"twilio\", \"phone_number\": \"" + phone + "\", \"sid\": \"" + NUMBER_SID + "\","
                + " \"sms_application_sid\": \"\", \"sms_fallback_method\": \"POST\", \"sms_fallback_url\": \"\","
                + " \"sms_method\": \"POST\", \"sms_url\": \"" + smsUrl + "\", \"status_callback\": \"" + statusCallback + "\","
                + " \"status_callback_method\": \"POST\", \"trunk_sid\": null, \"uri\": \"/2010-04-01/Accounts/" + ACCOUNT
                + "/IncomingPhoneNumbers/" + NUMBER_SID + ".json\", \"voice_application_sid\": \"" + voiceApp + "\","
                + " \"voice_caller_id_lookup\": false, \"voice_fallback_method\": \"POST\", \"voice_fallback_url\": null,"
                + " \"voice_method\": \"POST\", \"voice_url\": \"" + voiceUrl + "\", \"status\": \"in-use\","
                + " \"bundle_sid\": null, \"voice_receive_mode\": \"voice\", \"subresource_uris\": {}}";
    }
}
