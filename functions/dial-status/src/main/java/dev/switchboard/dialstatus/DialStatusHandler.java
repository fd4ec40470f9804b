package dev.switchboard.dialstatus;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.switchboard.shared.calls.OutboundMissedCallTexts;
import dev.switchboard.shared.config.ColdStart;
import dev.switchboard.shared.config.Line;
import dev.switchboard.shared.config.Lines;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.http.FormParameters;
import dev.switchboard.shared.http.HttpRequest;
import dev.switchboard.shared.http.HttpResponses;
import dev.switchboard.shared.queue.SqsClients;
import dev.switchboard.shared.storage.CallRecords;
import dev.switchboard.shared.storage.DynamoDbClients;
import dev.switchboard.shared.storage.Table;
import dev.switchboard.shared.twilio.Routes;
import dev.switchboard.shared.twilio.TwilioWebhook;
import dev.switchboard.shared.twilio.TwilioWebhookHandler;
import dev.switchboard.shared.voice.CallbackUrls;
import dev.switchboard.shared.voice.VoiceTwiml;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /twilio/voice/dial-status} (the {@code <Dial action>}): an answered call hangs up; a missed
 * one (no-answer, busy, failed, canceled, an unknown status, or a screened call nobody accepted) goes to
 * voicemail and the caller gets one text. {@code POST /twilio/voice/voicemail-complete} (the voicemail
 * {@code <Record action>}): says goodbye and, on lines with {@code textAfterVoicemail}, sends the text that
 * says whether the voicemail arrived.
 *
 * <p>The rules are {@link DialStatusService}'s; this handler reads the callback and answers with the TwiML it
 * decides on, which never depends on storage or Twilio's Messages API: when either fails the caller still
 * gets voicemail (or the goodbye), and the failure is logged.
 */
public class DialStatusHandler extends TwilioWebhookHandler {

    static final String GOODBYE_AFTER_MESSAGE = "Thank you. We got your message and will call you back soon. Goodbye.";
    static final String GOODBYE_NO_MESSAGE = "We didn't get a message. Please call again, or text this number. Goodbye.";

    /**
     * Per call to DynamoDB or SQS. A hanging table costs this up to four times in one request (call record,
     * text window, opt-out check, retry queue) and Twilio gives a voice webhook 15 s.
     */
    private static final Duration STORAGE_TIMEOUT = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(DialStatusHandler.class);

    private final Lines lines;
    private final DialStatusService service;
    private final VoiceTwiml twiml;

    /** Lambda's constructor: wires everything from the process environment once per container. */
    public DialStatusHandler() {
        this(System.getenv());
    }

    /** Wires the real clients from {@code environment} (the local stack hands each function its own). */
    public DialStatusHandler(Map<String, String> environment) {
        this(ColdStart.wire("DialStatusFunction", () -> Wiring.from(Settings.fromEnvironment(environment))));
        primeWith("dial-status-completed.json"); // SnapStart: answered before the snapshot (shared/config/Priming)
    }

    private DialStatusHandler(Wiring wiring) {
        this(wiring.webhook(), wiring.lines(), wiring.service());
    }

    /** @param lines for the plain voicemail when a line's own TwiML cannot be built */
    public DialStatusHandler(TwilioWebhook webhook, Lines lines, DialStatusService service) {
        super(webhook, Set.of(Routes.DIAL_STATUS, Routes.VOICEMAIL_COMPLETE));
        this.lines = lines;
        this.service = service;
        this.twiml = new VoiceTwiml(new CallbackUrls(webhook.publicBaseUrl()));
    }

    @Override
    protected APIGatewayV2HTTPResponse answer(HttpRequest request, FormParameters params) {
        return request.path().equals(Routes.DIAL_STATUS) ? dialEnded(DialCallback.parse(params)) : voicemailEnded(params);
    }


    private APIGatewayV2HTTPResponse dialEnded(DialCallback callback) {
        DialStatusService.DialDecision decision = service.dialEnded(callback);
        return HttpResponses.xml(switch (decision.next()) {
            case HANG_UP -> twiml.hangUp();
            case VOICEMAIL -> voicemail(decision.line(), callback.caller(), callback.callSid());
        });
    }

    private APIGatewayV2HTTPResponse voicemailEnded(FormParameters params) {
        VoicemailResult voicemail = service.voicemailEnded(params.required("CallSid"), params.first("From").orElse(""),
                params.first("To"), VoicemailResult.of(params.first("RecordingSid"), params.first("RecordingUrl"),
                        params.first("RecordingDuration")));
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

    /** The real clients, built once per container. */
    private record Wiring(TwilioWebhook webhook, Lines lines, DialStatusService service) {

        static Wiring from(Settings settings) {
            Clock clock = settings.clock();
            TwilioWebhook webhook = TwilioWebhook.fromSettings(settings);
            Lines lines = Lines.load(settings);
            Table table = new Table(DynamoDbClients.create(settings.aws(), STORAGE_TIMEOUT),
                    settings.required("TABLE_NAME"));
            OutboundMissedCallTexts texts = OutboundMissedCallTexts.fromSettings(settings, table,
                    SqsClients.create(settings.aws(), STORAGE_TIMEOUT), lines, new CallbackUrls(webhook.publicBaseUrl()),
                    clock);
            return new Wiring(webhook, lines, new DialStatusService(DialStatusStore.of(new CallRecords(table)), lines,
                    texts, clock));
        }
    }
}
