package dev.switchboard.smsstatus;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.switchboard.shared.config.ColdStart;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.http.HttpProblem;
import dev.switchboard.shared.http.HttpRequest;
import dev.switchboard.shared.http.HttpResponses;
import dev.switchboard.shared.logging.FunctionLogging;
import dev.switchboard.shared.logging.PhoneMask;
import dev.switchboard.shared.sms.MessageStatuses;
import dev.switchboard.shared.storage.DynamoDbClients;
import dev.switchboard.shared.storage.Table;
import dev.switchboard.shared.twilio.TwilioWebhook;
import java.util.Map;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /twilio/sms/status}: the delivery status of a text Switchboard sent (queued, sending, sent,
 * delivered, undelivered, failed, with {@code ErrorCode}) moves its message record forward, never back —
 * a late {@code sent} never overwrites {@code delivered}. Answers 204; Twilio reads nothing back.
 */
public class SmsStatusHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(SmsStatusHandler.class);

    private final TwilioWebhook webhook;
    private final MessageStatusRecords records;
    private final Clock clock;

    /** Lambda's constructor: wires everything from the process environment once per container. */
    public SmsStatusHandler() {
        this(System.getenv());
    }

    /** Wires the real clients from {@code environment} (the local stack hands each function its own). */
    public SmsStatusHandler(Map<String, String> environment) {
        this(ColdStart.wire("SmsStatusFunction", () -> Wiring.from(Settings.fromEnvironment(environment))));
    }

    private SmsStatusHandler(Wiring wiring) {
        this(wiring.webhook(), wiring.table(), Clock.systemUTC());
    }

    public SmsStatusHandler(TwilioWebhook webhook, Table table, Clock clock) {
        this.webhook = webhook;
        this.records = new MessageStatusRecords(table);
        this.clock = clock;
    }

    /** The real clients, built once per container. */
    private record Wiring(TwilioWebhook webhook, Table table) {
        static Wiring from(Settings settings) {
            return new Wiring(TwilioWebhook.fromSettings(settings),
                    new Table(DynamoDbClients.create(settings.aws(), Duration.ofSeconds(3)), settings.required("TABLE_NAME")));
        }
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return FunctionLogging.around(context, () -> handle(event));
    }

    APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        DeliveryReport report;
        try {
            report = DeliveryReport.from(webhook.accept(HttpRequest.from(event)));
        } catch (HttpProblem problem) {
            return problem.toResponse();
        }
        String to = PhoneMask.mask(report.to().orElse(null));
        String error = report.rawErrorCode().map(code -> " (error " + code
                + report.errorCode().flatMap(DeliveryErrors::describe).map(d -> ": " + d).orElse("") + ")").orElse("");
        MessageStatusRecords.Outcome outcome;
        try {
            outcome = records.record(report, clock.instant());
        } catch (RuntimeException e) {
            // Twilio does not resend status callbacks: this status is lost, the message itself is not affected.
            LOG.error("Status {} of text {} to {} could not be recorded: {}", report.status(), report.messageSid(), to,
                    e.getMessage());
            return HttpResponses.noContent();
        }
        switch (outcome) {
            case STALE:
                LOG.info("Text {} to {}: status {} arrived late or again; the record keeps its later status",
                        report.messageSid(), to, report.status());
                break;
            case CREATED:
                LOG.info("Text {} to {}: status {}{} recorded for a message Switchboard has no record of",
                        report.messageSid(), to, report.status(), error);
                break;
            default:
                if (MessageStatuses.isFailure(report.status()) || DeliveryErrors.isCarrierFailure(report.errorCode().orElse(null))) {
                    LOG.warn("Text {} to {} was not delivered: {}{}", report.messageSid(), to, report.status(), error);
                } else {
                    LOG.info("Text {} to {}: {}{}", report.messageSid(), to, report.status(), error);
                }
        }
        return HttpResponses.noContent();
    }
}
