package dev.switchboard.sms;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.twilio.twiml.MessagingResponse;
import com.twilio.twiml.messaging.Body;
import com.twilio.twiml.messaging.Message;
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
import dev.switchboard.shared.queue.SqsClients;
import dev.switchboard.shared.sms.OutboundTexts;
import dev.switchboard.shared.sms.OutgoingText;
import dev.switchboard.shared.sms.SendResult;
import dev.switchboard.shared.storage.DynamoDbClients;
import dev.switchboard.shared.storage.OptOuts;
import dev.switchboard.shared.storage.Table;
import dev.switchboard.shared.twilio.TwilioWebhook;
import dev.switchboard.shared.voice.CallbackUrls;
import java.util.Map;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /twilio/sms}: a text to one of the business's numbers.
 * <ul>
 *   <li>STOP and the other opt-out words: the number is opted out (every sender checks before texting);</li>
 *   <li>START, YES, UNSTOP: opted back in;</li>
 *   <li>HELP, INFO: the line's help text as the TwiML answer;</li>
 *   <li>anything else: stored and forwarded to the line's owner ({@code forwardTo}) as "From +1…: …".</li>
 * </ul>
 * Twilio's own opt-out handling already answers STOP and START on long codes, so those get an empty
 * {@code <Response/>}. Every message is stored once ({@code MSG#<MessageSid>}); a redelivery changes
 * nothing and forwards nothing again.
 */
public class IncomingSmsHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    public static final String FORWARD_KIND = "owner-forward";
    private static final Logger LOG = LoggerFactory.getLogger(IncomingSmsHandler.class);
    private static final int MAX_MEDIA = 10;

    private final TwilioWebhook webhook;
    private final Lines lines;
    private final InboundMessages inbound;
    private final OptOuts optOuts;
    private final OutboundTexts texts;
    private final CallbackUrls callbacks;
    private final Clock clock;

    /** Lambda's constructor: wires everything from the process environment once per container. */
    public IncomingSmsHandler() {
        this(System.getenv());
    }

    /** Wires the real clients from {@code environment} (the local stack hands each function its own). */
    public IncomingSmsHandler(Map<String, String> environment) {
        this(ColdStart.wire("SmsIncomingFunction", () -> Wiring.from(Settings.fromEnvironment(environment))));
    }

    private IncomingSmsHandler(Wiring w) {
        this(w.webhook(), w.lines(), w.table(), w.texts(), Clock.systemUTC());
    }

    public IncomingSmsHandler(TwilioWebhook webhook, Lines lines, Table table, OutboundTexts texts, Clock clock) {
        this.webhook = webhook;
        this.lines = lines;
        this.inbound = new InboundMessages(table);
        this.optOuts = new OptOuts(table);
        this.texts = texts;
        this.callbacks = new CallbackUrls(webhook.publicBaseUrl());
        this.clock = clock;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return FunctionLogging.around(context, () -> handle(event));
    }

    APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        FormParameters params;
        String sid;
        String from;
        String to;
        try {
            params = webhook.accept(HttpRequest.from(event));
            sid = params.first("MessageSid").or(() -> params.first("SmsSid"))
                    .orElseThrow(() -> HttpProblem.badRequest("Missing MessageSid"));
            from = params.required("From");
            to = params.required("To");
        } catch (HttpProblem problem) {
            return problem.toResponse();
        }
        String body = params.all("Body").isEmpty() ? "" : params.all("Body").get(0);
        Line line = lines.forNumber(to);
        SmsKeywords.Keyword keyword = SmsKeywords.classify(body, params.first("OptOutType"));
        int mediaCount = mediaCount(params);
        Instant now = clock.instant();

        boolean first;
        try {
            first = inbound.recordFirst(new InboundMessages.Inbound(sid, from, to, body, mediaCount, mediaUrls(params, mediaCount),
                    line.number(), keyword.name().toLowerCase(Locale.ROOT)), now);
        } catch (RuntimeException e) {
            // Without the record a redelivery cannot be recognised; acting now matters more (a STOP must count).
            LOG.error("Text {} from {} could not be stored ({}); handling it anyway", sid, PhoneMask.mask(from),
                    e.getMessage());
            first = true;
        }
        if (!first) {
            LOG.info("Text {} from {} was already handled (a redelivery); nothing done again", sid, PhoneMask.mask(from));
        }
        switch (keyword) {
            case OPT_OUT:
                if (first) {
                    changeOptOut(from, true, body, now);
                }
                return empty();
            case OPT_IN:
                if (first) {
                    changeOptOut(from, false, body, now);
                }
                return empty();
            case HELP:
                LOG.info("HELP from {} on line {}: answered with the help text", PhoneMask.mask(from), PhoneMask.mask(to));
                return reply(line.render(line.helpText(), from));
            default:
                if (first) {
                    forward(sid, from, to, line, body, mediaCount);
                }
                return empty();
        }
    }

    private void changeOptOut(String from, boolean out, String word, Instant now) {
        String source = "sms-" + word.strip().toLowerCase(Locale.ROOT);
        try {
            if (out) {
                optOuts.optOut(from, source, now);
                LOG.info("{} opted out by text ({}); no more texts to this number", PhoneMask.mask(from), word.strip());
            } else {
                optOuts.optIn(from, source, now);
                LOG.info("{} opted back in by text ({})", PhoneMask.mask(from), word.strip());
            }
        } catch (RuntimeException e) {
            // Twilio itself blocks texts to a number that sent STOP (21610 then marks it here too).
            LOG.error("Could not record that {} opted {} ({}): {}", PhoneMask.mask(from), out ? "out" : "in",
                    word.strip(), e.getMessage());
        }
    }

    private void forward(String sid, String from, String to, Line line, String body, int mediaCount) {
        if (line.forwardTo().isEmpty()) {
            LOG.warn("Text {} from {} to {} stored but not forwarded: the line has no forwardTo (set TWILIO_FORWARD_TO"
                    + " or forwardTo in LINES)", sid, PhoneMask.mask(from), PhoneMask.mask(to));
            return;
        }
        String owner = line.forwardTo().get();
        if (owner.equals(from) || lines.isBusinessNumber(from)) {
            LOG.info("Text {} from the business's own number {} stored, not forwarded", sid, PhoneMask.mask(from));
            return;
        }
        // Sent from the number the customer texted, so the owner sees which line it came in on.
        OutgoingText text = new OutgoingText("forward:" + sid, FORWARD_KIND, owner, Optional.of(to), Optional.empty(),
                OwnerForward.body(from, body, mediaCount), callbacks.smsStatus());
        SendResult result = texts.send(text);
        LOG.info("Text {} from {} forwarded to the owner {}: {}", sid, PhoneMask.mask(from), PhoneMask.mask(owner),
                result.status());
    }

    private static int mediaCount(FormParameters params) {
        try {
            return Math.max(0, Integer.parseInt(params.first("NumMedia").orElse("0")));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static List<String> mediaUrls(FormParameters params, int count) {
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < Math.min(count, MAX_MEDIA); i++) {
            params.first("MediaUrl" + i).ifPresent(urls::add);
        }
        return urls;
    }

    private static APIGatewayV2HTTPResponse empty() {
        return HttpResponses.xml(new MessagingResponse.Builder().build().toXml());
    }

    private static APIGatewayV2HTTPResponse reply(String text) {
        return HttpResponses.xml(new MessagingResponse.Builder()
                .message(new Message.Builder().body(new Body.Builder(text).build()).build())
                .build().toXml());
    }

    /** The real clients, built once per container. */
    private record Wiring(TwilioWebhook webhook, Lines lines, Table table, OutboundTexts texts) {
        static Wiring from(Settings settings) {
            TwilioWebhook webhook = TwilioWebhook.fromSettings(settings);
            Lines lines = Lines.load(settings);
            Table table = new Table(DynamoDbClients.create(settings.aws(), Duration.ofSeconds(3)),
                    settings.required("TABLE_NAME"));
            OutboundTexts texts = OutboundTexts.fromSettings(settings, table,
                    SqsClients.create(settings.aws(), Duration.ofSeconds(3)), lines::isBusinessNumber, Clock.systemUTC());
            return new Wiring(webhook, lines, table, texts);
        }
    }
}
