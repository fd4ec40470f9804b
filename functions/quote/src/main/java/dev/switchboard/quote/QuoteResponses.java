package dev.switchboard.quote;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.shared.http.HttpResponses;
import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.pricing.Estimate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON answers of {@code POST /quote}:
 * <ul>
 *   <li>200 {@code {"success":true,"lead_id":"Q-…","estimate":{"amount":"50.00","service":"oil change"},
 *       "sms":{"sent":true,"sid":"SM…"}}} — an unpriced service has {@code "amount":null} and a
 *       {@code "message"};</li>
 *   <li>400 {@code {"success":false,"errors":{"phone":"…"}}} for fields that failed validation;</li>
 *   <li>any other refusal {@code {"success":false,"error":"…"}} (400 malformed JSON, 403 origin, 405, 413,
 *       415, 429 with {@code Retry-After} and {@code "retry_after"} seconds, 503).</li>
 * </ul>
 */
final class QuoteResponses {

    private QuoteResponses() {
    }

    static APIGatewayV2HTTPResponse accepted(String leadId, Estimate estimate, SmsOutcome sms, Map<String, String> cors) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("success", true);
        body.put("lead_id", leadId);
        ObjectNode priced = body.putObject("estimate");
        if (estimate.amountText().isPresent()) {
            priced.put("amount", estimate.amountText().get());
            priced.put("service", estimate.service());
        } else {
            priced.putNull("amount");
            priced.put("service", estimate.service());
            priced.put("message", estimate.message());
        }
        ObjectNode text = body.putObject("sms");
        text.put("sent", sms.sent());
        if (sms.sent()) {
            sms.sid().ifPresent(sid -> text.put("sid", sid));
        } else if (sms.queued()) {
            text.put("queued", true);
        }
        return HttpResponses.json(200, body.toString(), cors);
    }

    static APIGatewayV2HTTPResponse invalid(Map<String, String> errors, Map<String, String> cors) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("success", false);
        ObjectNode fields = body.putObject("errors");
        errors.forEach(fields::put);
        return HttpResponses.json(400, body.toString(), cors);
    }

    static APIGatewayV2HTTPResponse refused(int status, String message, Map<String, String> headers) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("success", false);
        body.put("error", message);
        return HttpResponses.json(status, body.toString(), headers);
    }

    static APIGatewayV2HTTPResponse tooManyRequests(long retryAfterSeconds, Map<String, String> cors) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("success", false);
        body.put("error", "Too many quote requests. Please try again later, or give us a call.");
        body.put("retry_after", retryAfterSeconds);
        Map<String, String> headers = new LinkedHashMap<>(cors);
        headers.put("Retry-After", Long.toString(retryAfterSeconds));
        return HttpResponses.json(429, body.toString(), headers);
    }
}
