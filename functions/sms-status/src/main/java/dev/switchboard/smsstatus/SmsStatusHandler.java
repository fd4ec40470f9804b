package dev.switchboard.smsstatus;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.switchboard.shared.config.ColdStart;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.http.FormParameters;
import dev.switchboard.shared.http.HttpRequest;
import dev.switchboard.shared.http.HttpResponses;
import dev.switchboard.shared.sms.MessageRecords;
import dev.switchboard.shared.storage.DynamoDbClients;
import dev.switchboard.shared.storage.Table;
import dev.switchboard.shared.twilio.TwilioWebhook;
import dev.switchboard.shared.twilio.TwilioWebhookHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * {@code POST /twilio/sms/status}: the delivery status of a text Switchboard sent (queued, sending, sent,
 * delivered, undelivered, failed, with {@code ErrorCode}), read ({@link DeliveryReport}) and handed to
 * {@link DeliveryStatusService}. Answers 204 whatever happened; Twilio reads nothing back.
 */
public class SmsStatusHandler extends TwilioWebhookHandler {

    private final DeliveryStatusService service;

    /** Lambda's constructor: wires everything from the process environment once per container. */
    public SmsStatusHandler() {
        this(System.getenv());
    }

    /** Wires the real clients from {@code environment} (the local stack hands each function its own). */
    public SmsStatusHandler(Map<String, String> environment) {
        this(ColdStart.wire("SmsStatusFunction", () -> Wiring.from(Settings.fromEnvironment(environment))));
        primeWith("sms-status-delivered.json"); // SnapStart: answered before the snapshot (shared/config/Priming)
    }

    private SmsStatusHandler(Wiring wiring) {
        this(wiring.webhook(), wiring.service());
    }

    public SmsStatusHandler(TwilioWebhook webhook, DeliveryStatusService service) {
        super(webhook);
        this.service = service;
    }

    @Override
    protected APIGatewayV2HTTPResponse answer(HttpRequest request, FormParameters params) {
        service.reported(DeliveryReport.from(params));
        return HttpResponses.noContent();
    }


    /** The real clients, built once per container. */
    private record Wiring(TwilioWebhook webhook, DeliveryStatusService service) {
        static Wiring from(Settings settings) {
            Table table = new Table(DynamoDbClients.create(settings.aws(), Duration.ofSeconds(3)),
                    settings.required("TABLE_NAME"));
            return new Wiring(TwilioWebhook.fromSettings(settings),
                    new DeliveryStatusService(MessageRecords.fromSettings(settings, table)::applyStatus, settings.clock()));
        }
    }
}
