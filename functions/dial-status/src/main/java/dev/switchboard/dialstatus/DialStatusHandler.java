package dev.switchboard.dialstatus;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.switchboard.shared.calls.MissedCallTextPolicy.Occasion;
import dev.switchboard.shared.calls.MissedCallTexts;
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
import dev.switchboard.shared.storage.CallRecords;
import dev.switchboard.shared.storage.DynamoDbClients;
import dev.switchboard.shared.storage.Item;
import dev.switchboard.shared.storage.Table;
import dev.switchboard.shared.twilio.Routes;
import dev.switchboard.shared.twilio.TwilioWebhook;
import dev.switchboard.shared.voice.CallbackUrls;
import dev.switchboard.shared.voice.VoiceTwiml;
import java.util.Map;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /twilio/voice/dial-status} (the {@code <Dial action>}): an answered call hangs up; a missed
 * one (no-answer, busy, failed, canceled, an unknown status, or a screened call nobody accepted) goes to
 * voicemail and the caller gets one text. {@code POST /twilio/voice/voicemail-complete} (the voicemail
 * {@code <Record action>}): says goodbye and, on lines with {@code textAfterVoicemail}, sends the text that
 * says whether the voicemail arrived.
 *
 * <p>The TwiML never depends on storage or Twilio's Messages API: when either fails the caller still gets
 * voicemail (or the goodbye), and the failure is logged.
 */
public class DialStatusHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    static final String GOODBYE_AFTER_MESSAGE = "Thank you. We got your message and will call you back soon. Goodbye.";
    static final String GOODBYE_NO_MESSAGE = "We didn't get a message. Please call again, or text this number. Goodbye.";

    /**
     * Per call to DynamoDB or SQS. A hanging table costs this up to four times in one request (call record,
     * text window, opt-out check, retry queue) and Twilio gives a voice webhook 15 s.
     */
    private static final Duration STORAGE_TIMEOUT = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(DialStatusHandler.class);

    private final TwilioWebhook webhook;
    private final Lines lines;
    private final CallRecords calls;
    private final MissedCallTexts texts;
    private final VoiceTwiml twiml;
    private final Clock clock;

    /** Lambda's constructor: wires everything from the process environment once per container. */
    public DialStatusHandler() {
        this(System.getenv());
    }

    /** Wires the real clients from {@code environment} (the local stack hands each function its own). */
    public DialStatusHandler(Map<String, String> environment) {
        this(ColdStart.wire("DialStatusFunction", () -> Wiring.from(Settings.fromEnvironment(environment))));
    }

    private DialStatusHandler(Wiring wiring) {
        this(wiring.webhook, wiring.lines, wiring.calls, wiring.texts, wiring.clock);
    }

    public DialStatusHandler(TwilioWebhook webhook, Lines lines, CallRecords calls, MissedCallTexts texts, Clock clock) {
        this.webhook = webhook;
        this.lines = lines;
        this.calls = calls;
        this.texts = texts;
        this.twiml = new VoiceTwiml(new CallbackUrls(webhook.publicBaseUrl()));
        this.clock = clock;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return FunctionLogging.around(context, () -> handle(event));
    }

    APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        try {
            HttpRequest request = HttpRequest.from(event);
            if (!request.path().equals(Routes.DIAL_STATUS) && !request.path().equals(Routes.VOICEMAIL_COMPLETE)) {
                return HttpResponses.text(404, "Not found");
            }
            FormParameters params = webhook.accept(request);
            String callSid = params.required("CallSid");
            return request.path().equals(Routes.DIAL_STATUS)
                    ? dialEnded(params, callSid)
                    : voicemailEnded(params, callSid);
        } catch (HttpProblem problem) {
            return problem.toResponse();
        }
    }

    private APIGatewayV2HTTPResponse dialEnded(FormParameters params, String callSid) {
        String caller = params.first("From").orElse("");
        Line line = lines.forNumber(params.first("To").orElse(null));
        Instant now = clock.instant();
        Optional<Boolean> accepted = line.screen() ? screenAccepted(callSid) : Optional.of(false);
        DialResult result = DialResult.classify(params.first("DialCallStatus"), line.screen(), accepted);
        boolean callerGone = DialResult.callerGone(params.first("CallStatus"));
        if (!result.known()) {
            LOG.warn("Call {}: unknown DialCallStatus '{}', treated as not answered (voicemail)", callSid,
                    result.dialCallStatus());
        }
        String answer;
        if (result.answered() || callerGone) {
            answer = twiml.hangUp();
        } else {
            answer = voicemail(line, caller, callSid);
        }
        LOG.info("Call {} from {}: dial {} -> {}{}", callSid, PhoneMask.mask(caller), result.dialCallStatus(),
                result.outcome(), result.answered() ? "" : callerGone ? ", caller already gone" : ", voicemail");
        recordOutcome(params, callSid, result, now);
        if (!result.answered()) {
            if (result.outcome().equals("screen-unverified")) {
                // Whether the owner took the call is unknown (storage down): no "sorry we missed you" to
                // someone who may have just talked to them. Voicemail still catches a missed caller.
                LOG.error("Call {}: could not read whether the owner accepted the screened call; sent the caller"
                        + " to voicemail without a missed-call text", callSid);
            } else {
                texts.onOccasion(line, callSid, caller, callerGone ? Occasion.NOT_ANSWERED_CALLER_GONE
                        : Occasion.NOT_ANSWERED_CALLER_WAITING, now);
            }
        }
        return HttpResponses.xml(answer);
    }

    private APIGatewayV2HTTPResponse voicemailEnded(FormParameters params, String callSid) {
        String caller = params.first("From").orElse("");
        Line line = lines.forNumber(params.first("To").orElse(null));
        Instant now = clock.instant();
        VoicemailResult voicemail = VoicemailResult.of(params.first("RecordingSid"), params.first("RecordingUrl"),
                params.first("RecordingDuration"));
        LOG.info("Call {} from {}: voicemail {} (recording {}, {} s)", callSid, PhoneMask.mask(caller),
                voicemail.left() ? "left" : "empty", voicemail.recordingSid().orElse("-"),
                voicemail.durationSeconds().map(String::valueOf).orElse("?"));
        try {
            calls.recordVoicemail(callSid, voicemail.left(), voicemail.recordingSid(), voicemail.durationSeconds(), now);
        } catch (RuntimeException e) {
            LOG.error("Call {}: the voicemail outcome could not be recorded: {}", callSid, e.getMessage());
        }
        texts.onOccasion(line, callSid, caller, voicemail.left() ? Occasion.VOICEMAIL_LEFT : Occasion.VOICEMAIL_EMPTY, now);
        return HttpResponses.xml(twiml.sayAndHangUp(voicemail.left() ? GOODBYE_AFTER_MESSAGE : GOODBYE_NO_MESSAGE));
    }

    private String voicemail(Line line, String caller, String callSid) {
        try {
            return twiml.voicemail(line, line.voicemailPrompt(), caller);
        } catch (RuntimeException e) {
            LOG.error("Call {}: the line's voicemail TwiML could not be built; using the default prompt", callSid, e);
            return twiml.voicemail(lines.fallback(), Lines.DEFAULT_VOICEMAIL_PROMPT, caller);
        }
    }

    private Optional<Boolean> screenAccepted(String callSid) {
        try {
            return Optional.of(calls.find(callSid).map(item -> Item.flag(item, "screenAccepted")).orElse(false));
        } catch (RuntimeException e) {
            LOG.error("Call {}: could not read the screening result: {}", callSid, e.getMessage());
            return Optional.empty();
        }
    }

    private void recordOutcome(FormParameters params, String callSid, DialResult result, Instant now) {
        try {
            calls.recordDialOutcome(new CallRecords.DialOutcome(callSid, result.dialCallStatus(), result.outcome(),
                    result.answered(), params.first("DialCallSid"),
                    params.first("DialCallDuration").flatMap(DialStatusHandler::seconds)), now);
        } catch (RuntimeException e) {
            LOG.error("Call {}: the dial outcome ({}) could not be recorded: {}", callSid, result.outcome(), e.getMessage());
        }
    }

    private static Optional<Long> seconds(String raw) {
        try {
            return Optional.of(Long.parseLong(raw.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The real clients, built once per container. */
    private static final class Wiring {
        final TwilioWebhook webhook;
        final Lines lines;
        final CallRecords calls;
        final MissedCallTexts texts;
        final Clock clock = Clock.systemUTC();

        private Wiring(Settings settings) {
            webhook = TwilioWebhook.fromSettings(settings);
            lines = Lines.load(settings);
            Table table = new Table(DynamoDbClients.create(settings.aws(), STORAGE_TIMEOUT),
                    settings.required("TABLE_NAME"));
            calls = new CallRecords(table);
            texts = MissedCallTexts.fromSettings(settings, table, SqsClients.create(settings.aws(), STORAGE_TIMEOUT),
                    lines, new CallbackUrls(webhook.publicBaseUrl()), clock);
        }

        static Wiring from(Settings settings) {
            return new Wiring(settings);
        }
    }
}
