package dev.switchboard.screening;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.switchboard.shared.config.ColdStart;
import dev.switchboard.shared.config.Lines;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.http.FormParameters;
import dev.switchboard.shared.http.HttpRequest;
import dev.switchboard.shared.http.HttpResponses;
import dev.switchboard.shared.storage.CallRecords;
import dev.switchboard.shared.storage.DynamoDbClients;
import dev.switchboard.shared.storage.Table;
import dev.switchboard.shared.twilio.Routes;
import dev.switchboard.shared.twilio.TwilioWebhook;
import dev.switchboard.shared.twilio.TwilioWebhookHandler;
import dev.switchboard.shared.voice.CallbackUrls;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Call screening for lines with {@code screen: true}. {@code POST /twilio/voice/screen} is the
 * {@code <Number url>} of the owner's leg: when the owner's phone answers, it hears who is calling and is
 * asked to press 1. {@code POST /twilio/voice/screen-result} is that {@code <Gather action>}: 1 connects the
 * call and records {@code screenAccepted} on the caller's (parent) call, which dial-status reads; anything
 * else hangs up the owner's leg, so the caller goes to Switchboard's voicemail and gets the text instead of
 * vanishing into a personal mailbox. The rules are {@link CallScreeningService}'s; this handler answers
 * with the TwiML.
 */
public class CallScreeningHandler extends TwilioWebhookHandler {

    private static final Logger LOG = LoggerFactory.getLogger(CallScreeningHandler.class);

    private final Lines lines;
    private final CallScreeningService service;
    private final CallbackUrls urls;

    /** Lambda's constructor: wires everything from the process environment once per container. */
    public CallScreeningHandler() {
        this(System.getenv());
    }

    /** Wires the real clients from {@code environment} (the local stack hands each function its own). */
    public CallScreeningHandler(Map<String, String> environment) {
        this(ColdStart.wire("CallScreeningFunction", () -> Wiring.from(Settings.fromEnvironment(environment))));
        primeWith("call-screening-screen.json"); // SnapStart: answered before the snapshot (shared/config/Priming)
    }

    private CallScreeningHandler(Wiring wiring) {
        this(wiring.webhook(), wiring.lines(), wiring.service());
    }

    /** @param lines for the plain whisper when a line's own cannot be built */
    public CallScreeningHandler(TwilioWebhook webhook, Lines lines, CallScreeningService service) {
        super(webhook, Set.of(Routes.SCREEN, Routes.SCREEN_RESULT));
        this.lines = lines;
        this.service = service;
        this.urls = new CallbackUrls(webhook.publicBaseUrl());
    }

    @Override
    protected APIGatewayV2HTTPResponse answer(HttpRequest request, FormParameters params) {
        String legSid = params.required("CallSid");
        Optional<String> parentSid = params.first("ParentCallSid");
        if (request.path().equals(Routes.SCREEN)) {
            return HttpResponses.xml(whisper(legSid, service.ownerAnswered(legSid, parentSid, params.first("From"))));
        }
        return HttpResponses.xml(service.ownerChose(legSid, parentSid, params.first("Digits"))
                ? ScreeningTwiml.connect() : ScreeningTwiml.decline());
    }


    private String whisper(String legSid, CallScreeningService.Whisper whisper) {
        try {
            String spoken = whisper.caller().map(ScreeningTwiml::spoken).orElse("a caller");
            return ScreeningTwiml.whisper(whisper.line().businessName(), spoken, urls.screenResult());
        } catch (RuntimeException e) {
            LOG.error("Screening whisper for leg {} could not be built; using the plain one", legSid, e);
            return ScreeningTwiml.whisper(lines.fallback().businessName(), "a caller", urls.screenResult());
        }
    }

    /** The real clients, built once per container. */
    private record Wiring(TwilioWebhook webhook, Lines lines, CallScreeningService service) {

        static Wiring from(Settings settings) {
            Table table = new Table(DynamoDbClients.create(settings.aws(), Duration.ofSeconds(3)),
                    settings.required("TABLE_NAME"));
            Lines lines = Lines.load(settings);
            return new Wiring(TwilioWebhook.fromSettings(settings), lines, new CallScreeningService(lines,
                    CallScreeningService.ScreeningCalls.of(new CallRecords(table)), settings.clock()));
        }
    }
}
