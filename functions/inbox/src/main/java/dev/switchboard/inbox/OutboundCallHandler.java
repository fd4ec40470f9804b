package dev.switchboard.inbox;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.twilio.twiml.TwiMLException;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Dial;
import com.twilio.twiml.voice.Number;
import com.twilio.twiml.voice.Say;
import dev.switchboard.shared.config.ColdStart;
import dev.switchboard.shared.config.Line;
import dev.switchboard.shared.config.Lines;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.http.FormParameters;
import dev.switchboard.shared.http.HttpProblem;
import dev.switchboard.shared.http.HttpRequest;
import dev.switchboard.shared.http.HttpResponses;
import dev.switchboard.shared.logging.PhoneMask;
import dev.switchboard.shared.phone.E164;
import dev.switchboard.shared.text.SafeText;
import dev.switchboard.shared.twilio.Routes;
import dev.switchboard.shared.twilio.TwilioWebhook;
import dev.switchboard.shared.twilio.TwilioWebhookHandler;
import dev.switchboard.shared.voice.CallbackUrls;
import dev.switchboard.shared.voice.VoiceTwiml;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /twilio/voice/outbound}: the staff member answered a click-to-call; TwiML says who they are
 * being connected to and dials the customer with the line's number as caller ID, recorded as the line records
 * calls (the recording goes to {@code /twilio/voice/recording} like any call's). Who to dial is in the URL's
 * query ({@code to}, {@code line}, {@code name}), which the signature covers, so it cannot be changed on the way.
 */
public class OutboundCallHandler extends TwilioWebhookHandler {

    private static final Logger LOG = LoggerFactory.getLogger(OutboundCallHandler.class);

    private final Lines lines;
    private final CallbackUrls urls;

    public OutboundCallHandler() {
        this(System.getenv());
    }

    public OutboundCallHandler(Map<String, String> environment) {
        this(ColdStart.wire("OutboundCallFunction", () -> Wiring.from(Settings.fromEnvironment(environment))));
        primeWith("outbound-call.json"); // SnapStart: answered before the snapshot (shared/config/Priming)
    }

    private OutboundCallHandler(Wiring wiring) {
        this(wiring.webhook(), wiring.lines());
    }

    public OutboundCallHandler(TwilioWebhook webhook, Lines lines) {
        super(webhook, Set.of(Routes.VOICE_OUTBOUND));
        this.lines = lines;
        this.urls = new CallbackUrls(webhook.publicBaseUrl());
    }

    @Override
    protected APIGatewayV2HTTPResponse answer(HttpRequest request, FormParameters params) {
        Map<String, String> query = request.queryParameters();
        String to = query.getOrDefault("to", "");
        String lineNumber = query.getOrDefault("line", "");
        if (!E164.isE164(to) || !E164.isE164(lineNumber)) {
            throw HttpProblem.badRequest("to and line must be E.164 numbers");
        }
        Optional<String> name = Optional.ofNullable(query.get("name")).map(String::strip).filter(n -> !n.isEmpty());
        Line line = lines.forNumber(lineNumber);
        LOG.info("Click-to-call {}: connecting the staff member to {}", params.first("CallSid").orElse("-"),
                PhoneMask.mask(to));
        return HttpResponses.xml(twiml(line, lineNumber, to, name));
    }

    String twiml(Line line, String lineNumber, String to, Optional<String> name) {
        String who = name.map(SafeText::caller).orElseGet(() -> spoken(to));
        Dial.Builder dial = new Dial.Builder().callerId(lineNumber).answerOnBridge(true)
                .timeout(line.dialTimeoutSeconds() + 10).number(new Number.Builder(to).build());
        VoiceTwiml.recordedAsTheLineSays(dial, line, urls);
        try {
            return new VoiceResponse.Builder()
                    .say(new Say.Builder(SafeText.xml("Connecting you to " + who + ".")).build())
                    .dial(dial.build())
                    .build().toXml();
        } catch (TwiMLException e) {
            throw new IllegalStateException("TwiML could not be written", e);
        }
    }

    /** A number read digit by digit ("+1 9 0 4...") rather than as one big number. */
    static String spoken(String e164) {
        StringBuilder out = new StringBuilder();
        for (char c : e164.substring(e164.startsWith("+1") ? 2 : 1).toCharArray()) {
            out.append(c).append(' ');
        }
        return out.toString().trim();
    }

    private record Wiring(TwilioWebhook webhook, Lines lines) {
        static Wiring from(Settings settings) {
            return new Wiring(TwilioWebhook.fromSettings(settings), Lines.load(settings));
        }
    }
}
