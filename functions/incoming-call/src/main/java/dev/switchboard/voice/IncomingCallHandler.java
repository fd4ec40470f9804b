package dev.switchboard.voice;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.switchboard.shared.calls.MissedCallTexts;
import dev.switchboard.shared.calls.OutboundMissedCallTexts;
import dev.switchboard.shared.config.ColdStart;
import dev.switchboard.shared.config.Line;
import dev.switchboard.shared.config.Lines;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.http.FormParameters;
import dev.switchboard.shared.http.HttpRequest;
import dev.switchboard.shared.http.HttpResponses;
import dev.switchboard.shared.logging.PhoneMask;
import dev.switchboard.shared.queue.SqsClients;
import dev.switchboard.shared.storage.CallRecords;
import dev.switchboard.shared.storage.DynamoDbClients;
import dev.switchboard.shared.storage.Table;
import dev.switchboard.shared.twilio.TwilioWebhook;
import dev.switchboard.shared.twilio.TwilioWebhookHandler;
import dev.switchboard.shared.voice.CallbackUrls;
import dev.switchboard.shared.voice.VoiceTwiml;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /twilio/voice}: a call comes in. Answers with TwiML (greeting, then the call forwarded to
 * the owner and recorded, through the screening whisper on lines with {@code screen: true}; after hours
 * straight to voicemail, with the missed-call text) and writes the call record. A storage or texting
 * failure is logged and never keeps the caller from the owner or the voicemail.
 */
public class IncomingCallHandler extends TwilioWebhookHandler {

    /**
     * Per call to DynamoDB or SQS. A hanging table costs this up to four times in one request (call record,
     * text window, opt-out check, retry queue) and Twilio gives a voice webhook 15 s.
     */
    private static final Duration STORAGE_TIMEOUT = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(IncomingCallHandler.class);

    private final Lines lines;
    private final CallRouter router;
    private final VoiceTwiml twiml;
    private final CallbackUrls urls;
    private final IncomingCallService service;
    private final Map<Line, VoiceTwiml.ForwardTemplate> forwards = new ConcurrentHashMap<>();
    private volatile ForwardAnswer lastForward;

    /** Lambda's constructor: wires everything from the process environment once per container. */
    public IncomingCallHandler() {
        this(System.getenv());
    }

    /** Wires the real clients from {@code environment} (the local stack hands each function its own). */
    public IncomingCallHandler(Map<String, String> environment) {
        this(ColdStart.wire("IncomingCallFunction", () -> Wiring.from(Settings.fromEnvironment(environment))));
        primeWith("incoming-call.json"); // SnapStart: answered before the snapshot (shared/config/Priming)
    }

    private IncomingCallHandler(Wiring wiring) {
        this(wiring.webhook, wiring.lines, new IncomingCallService(wiring.calls::recordIncoming, wiring::texts,
                wiring.clock));
    }

    /** Without missed-call texts (benchmarks, and tests of the TwiML alone). */
    public IncomingCallHandler(TwilioWebhook webhook, Lines lines, CallRecords calls, Clock clock) {
        this(webhook, lines, new IncomingCallService(calls::recordIncoming, Optional::empty, clock));
    }

    public IncomingCallHandler(TwilioWebhook webhook, Lines lines, IncomingCallService service) {
        super(webhook);
        this.lines = lines;
        this.router = new CallRouter();
        this.urls = new CallbackUrls(webhook.publicBaseUrl());
        this.twiml = new VoiceTwiml(urls);
        this.service = service;
        // Every line's in-hours answer is built now, once: a call only fills in its caller.
        lines.configured().stream().filter(l -> l.forwardTo().isPresent()).forEach(this::forwardTemplate);
        if (lines.fallback().forwardTo().isPresent()) {
            forwardTemplate(lines.fallback());
        }
    }

    /** The line's forward TwiML, built on its first use (a line changed in LINES is a new line). */
    private VoiceTwiml.ForwardTemplate forwardTemplate(Line line) {
        ForwardAnswer last = lastForward;
        if (last != null && last.line() == line) {
            return last.template();
        }
        VoiceTwiml.ForwardTemplate template = forwards.computeIfAbsent(line, l -> l.forwardTo().isEmpty() ? null
                : twiml.forwardTemplate(l, l.forwardTo().get(), l.screen() ? Optional.of(urls.screen()) : Optional.empty()));
        if (template == null) {
            throw new IllegalStateException("line " + line.number().orElse("default") + " has no forward number");
        }
        lastForward = new ForwardAnswer(line, template);
        return template;
    }

    /** The last line answered and its template: most calls are to the same line as the one before. */
    private record ForwardAnswer(Line line, VoiceTwiml.ForwardTemplate template) {
    }

    @Override
    protected APIGatewayV2HTTPResponse answer(HttpRequest request, FormParameters params) {
        String callSid = params.required("CallSid");
        String to = params.required("To");
        String from = params.first("From").orElse("");
        Line line = lines.forNumber(to);
        Instant now = service.now();
        CallRouter.Route route;
        String answer;
        try {
            route = router.route(line, ZonedDateTime.ofInstant(now, line.timeZone()));
            answer = switch (route) {
                case FORWARD -> forwardTemplate(line).render(from);
                case AFTER_HOURS -> twiml.voicemail(line, line.afterHoursGreeting(), from);
                case NO_FORWARD_NUMBER -> twiml.voicemail(line, line.voicemailPrompt(), from);
            };
        } catch (RuntimeException e) {
            // Never leave a caller with Twilio's error message: fall back to the plainest forward or voicemail.
            LOG.error("Could not build the answer for call {}; using the plain forward", callSid, e);
            route = line.forwardTo().isPresent() ? CallRouter.Route.FORWARD : CallRouter.Route.NO_FORWARD_NUMBER;
            answer = line.forwardTo().isPresent()
                    ? twiml.forward(lines.fallback(), line.forwardTo().get(), from, Optional.empty())
                    : twiml.voicemail(lines.fallback(), Lines.DEFAULT_VOICEMAIL_PROMPT, from);
        }
        LOG.info("Incoming call {} from {} to {}: {}", callSid, PhoneMask.mask(from), PhoneMask.mask(to), route.label());
        service.answered(new CallRecords.IncomingCall(callSid, nonEmpty(from), Optional.of(to),
                line.number().or(() -> Optional.of("default")), params.first("Direction"), params.first("CallStatus"),
                params.first("CallerName"), Optional.of(route.label())), line, route, now);
        return HttpResponses.xml(answer);
    }

    private static Optional<String> nonEmpty(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    /**
     * The real clients, built once per container. The missed-call text pipeline (Twilio REST and SQS
     * clients) is needed only for after-hours calls, so it is built on the first one: most cold starts
     * answer a call in hours and never load it.
     */
    private static final class Wiring {
        final TwilioWebhook webhook;
        final Lines lines;
        final CallRecords calls;
        final Clock clock;
        private final Settings settings;
        private final Table table;
        private MissedCallTexts texts;

        private Wiring(Settings settings, TwilioWebhook webhook, Lines lines, Table table) {
            this.settings = settings;
            this.clock = settings.clock();
            this.webhook = webhook;
            this.lines = lines;
            this.table = table;
            this.calls = new CallRecords(table);
        }

        static Wiring from(Settings settings) {
            TwilioWebhook webhook = TwilioWebhook.fromSettings(settings);
            Lines lines = Lines.load(settings);
            if (lines.fallback().forwardTo().isEmpty() && lines.configured().isEmpty()) {
                throw new dev.switchboard.shared.config.ConfigException("TWILIO_FORWARD_TO is required (the phone calls"
                        + " ring, E.164 like +19045550177), or LINES with a forwardTo for each Twilio number");
            }
            // Settings the text pipeline needs are still checked at cold start, not at the first missed call.
            settings.required("SMS_QUEUE_URL");
            settings.required("TWILIO_ACCOUNT_SID");
            Table table = new Table(DynamoDbClients.create(settings.aws(), STORAGE_TIMEOUT),
                    settings.required("TABLE_NAME"));
            return new Wiring(settings, webhook, lines, table);
        }

        synchronized Optional<MissedCallTexts> texts() {
            if (texts == null) {
                texts = OutboundMissedCallTexts.fromSettings(settings, table, SqsClients.create(settings.aws(), STORAGE_TIMEOUT),
                        lines, new CallbackUrls(webhook.publicBaseUrl()), clock);
            }
            return Optional.of(texts);
        }
    }
}
