package dev.switchboard.screening;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.switchboard.shared.config.ColdStart;
import dev.switchboard.shared.config.Line;
import dev.switchboard.shared.config.Lines;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.http.FormParameters;
import dev.switchboard.shared.http.HttpProblem;
import dev.switchboard.shared.http.HttpRequest;
import dev.switchboard.shared.http.HttpResponses;
import dev.switchboard.shared.logging.FunctionLogging;
import dev.switchboard.shared.logging.PhoneMask;
import dev.switchboard.shared.storage.CallRecord;
import dev.switchboard.shared.storage.CallRecords;
import dev.switchboard.shared.storage.DynamoDbClients;
import dev.switchboard.shared.storage.Table;
import dev.switchboard.shared.twilio.Routes;
import dev.switchboard.shared.twilio.TwilioLogFields;
import dev.switchboard.shared.twilio.TwilioWebhook;
import dev.switchboard.shared.voice.CallbackUrls;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Call screening for lines with {@code screen: true}. {@code POST /twilio/voice/screen} is the
 * {@code <Number url>} of the owner's leg: when the owner's phone answers, it hears who is calling and is
 * asked to press 1. {@code POST /twilio/voice/screen-result} is that {@code <Gather action>}: 1 connects the
 * call and records {@code screenAccepted} on the caller's (parent) call, which dial-status reads; anything
 * else hangs up the owner's leg, so the caller goes to Switchboard's voicemail and gets the text instead of
 * vanishing into a personal mailbox.
 */
public class CallScreeningHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(CallScreeningHandler.class);

    private final TwilioWebhook webhook;
    private final Lines lines;
    private final CallRecords calls;
    private final CallbackUrls urls;
    private final Clock clock;

    /** Lambda's constructor: wires everything from the process environment once per container. */
    public CallScreeningHandler() {
        this(System.getenv());
    }

    /** Wires the real clients from {@code environment} (the local stack hands each function its own). */
    public CallScreeningHandler(Map<String, String> environment) {
        this(ColdStart.wire("CallScreeningFunction", () -> Wiring.from(Settings.fromEnvironment(environment))));
    }

    private CallScreeningHandler(Wiring wiring) {
        this(wiring.webhook, wiring.lines, wiring.calls, Clock.systemUTC());
    }

    public CallScreeningHandler(TwilioWebhook webhook, Lines lines, CallRecords calls, Clock clock) {
        this.webhook = webhook;
        this.lines = lines;
        this.calls = calls;
        this.urls = new CallbackUrls(webhook.publicBaseUrl());
        this.clock = clock;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return FunctionLogging.around(context, () -> handle(event));
    }

    APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        try {
            HttpRequest request = HttpRequest.from(event);
            if (!request.path().equals(Routes.SCREEN) && !request.path().equals(Routes.SCREEN_RESULT)) {
                return HttpResponses.text(404, "Not found");
            }
            FormParameters params = TwilioLogFields.of(webhook.accept(request));
            String legSid = params.required("CallSid");
            return request.path().equals(Routes.SCREEN) ? whisper(params, legSid) : result(params, legSid);
        } catch (HttpProblem problem) {
            return problem.toResponse();
        }
    }

    private APIGatewayV2HTTPResponse whisper(FormParameters params, String legSid) {
        Optional<String> parentSid = params.first("ParentCallSid");
        Optional<CallRecord> parent = parentSid.flatMap(this::parentCall);
        // The caller and the line come from the caller's own call; the owner's leg only knows the caller ID.
        String caller = parent.flatMap(CallRecord::from).or(() -> params.first("From")).orElse("");
        Line line = lines.forNumber(parent.flatMap(CallRecord::to).orElse(null));
        String answer;
        try {
            // Without the parent call, From may be the line's own caller ID: never announce the business to itself.
            String spoken = lines.isBusinessNumber(caller) ? "a caller" : ScreeningTwiml.spoken(caller);
            answer = ScreeningTwiml.whisper(line.businessName(), spoken, urls.screenResult());
        } catch (RuntimeException e) {
            LOG.error("Screening whisper for leg {} could not be built; using the plain one", legSid, e);
            answer = ScreeningTwiml.whisper(lines.fallback().businessName(), "a caller", urls.screenResult());
        }
        LOG.info("Screening leg {} of call {}: whisper to {} about {}", legSid, parentSid.orElse("-"),
                PhoneMask.mask(params.first("To").orElse("")), PhoneMask.mask(caller));
        return HttpResponses.xml(answer);
    }

    private APIGatewayV2HTTPResponse result(FormParameters params, String legSid) {
        boolean accepted = params.first("Digits").filter("1"::equals).isPresent();
        Optional<String> parentSid = params.first("ParentCallSid");
        if (!accepted) {
            LOG.info("Screening leg {} of call {}: not accepted (digits '{}'); the caller goes to voicemail", legSid,
                    parentSid.orElse("-"), params.first("Digits").orElse(""));
            return HttpResponses.xml(ScreeningTwiml.decline());
        }
        if (parentSid.isEmpty()) {
            LOG.error("Screening leg {} accepted but has no ParentCallSid: connecting; dial-status will not know it"
                    + " was accepted and may send the caller to voicemail afterwards", legSid);
        } else {
            try {
                calls.recordScreenAccepted(parentSid.get(), legSid, clock.instant());
            } catch (RuntimeException e) {
                LOG.error("Screening leg {} accepted, but it could not be recorded on call {} ({}): connecting anyway;"
                        + " the caller may hear voicemail after the owner hangs up", legSid, parentSid.get(),
                        e.getMessage());
            }
        }
        LOG.info("Screening leg {} of call {}: accepted, connecting", legSid, parentSid.orElse("-"));
        return HttpResponses.xml(ScreeningTwiml.connect());
    }

    private Optional<CallRecord> parentCall(String parentSid) {
        try {
            return calls.find(parentSid);
        } catch (RuntimeException e) {
            LOG.warn("Screening: call {} could not be read ({}); the whisper names the caller ID instead", parentSid, e.getMessage());
            return Optional.empty();
        }
    }

    /** The real clients, built once per container. */
    private static final class Wiring {
        final TwilioWebhook webhook;
        final Lines lines;
        final CallRecords calls;

        private Wiring(TwilioWebhook webhook, Lines lines, CallRecords calls) {
            this.webhook = webhook;
            this.lines = lines;
            this.calls = calls;
        }

        static Wiring from(Settings settings) {
            Table table = new Table(DynamoDbClients.create(settings.aws(), Duration.ofSeconds(3)),
                    settings.required("TABLE_NAME"));
            return new Wiring(TwilioWebhook.fromSettings(settings), Lines.load(settings), new CallRecords(table));
        }
    }
}
