package dev.switchboard.crm.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.crm.CrmClient;
import dev.switchboard.crm.Redactor;
import dev.switchboard.crm.lead.LeadAttribute;
import dev.switchboard.crm.lead.LeadPush;
import dev.switchboard.shared.http.RetryAfter;
import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.logging.PhoneMask;
import dev.switchboard.shared.queue.PermanentJobFailure;
import dev.switchboard.shared.queue.RetryLater;
import dev.switchboard.shared.text.SafeText;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Posts each lead event as JSON to {@code CRM_WEBHOOK_URL} (Zapier, n8n, a HubSpot workflow, anything),
 * signed with {@link WebhookSigner} and carrying an {@code Idempotency-Key}: {@code lead.created:<lead id>}
 * for the creation (the same whichever job sends it), {@code lead.updated:<lead id>:v<version>} for an
 * update. Any 2xx is success. The lead's id is Switchboard's own {@code SB-...} reference, so a creation
 * whose answer was lost is simply sent again with the same key.
 */
public final class WebhookClient implements CrmClient {

    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
    public static final String EVENT_HEADER = "X-Switchboard-Event";

    private final HttpClient http;
    private final URI url;
    private final Duration timeout;
    private final WebhookSigner signer;
    private final String secretSource;
    private final Redactor redactor;
    private final Clock clock;

    public WebhookClient(HttpClient http, URI url, Duration timeout, WebhookSigner signer, String secretSource,
                         Redactor redactor, Clock clock) {
        this.http = http;
        this.url = url;
        this.timeout = timeout;
        this.signer = signer;
        this.secretSource = secretSource;
        this.redactor = redactor;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public String insert(LeadPush lead) {
        post(WebhookEvent.CREATED, WebhookEvent.CREATED + ":" + lead.leadRef(), lead);
        return lead.leadRef();
    }

    @Override
    public void update(String crmItemId, LeadPush lead) {
        post(WebhookEvent.UPDATED, WebhookEvent.UPDATED + ":" + lead.leadRef() + ":v" + lead.contentVersion(), lead);
    }

    /** A receiver cannot be searched; a repeated lead.created carries the same Idempotency-Key instead. */
    @Override
    public Optional<String> findInserted(LeadPush lead, String previousCrmItemId) {
        return Optional.empty();
    }

    /** The event for {@code lead}; every text a receiver may put in a spreadsheet is neutralised (docs/crm.md). */
    public static WebhookEvent event(String event, String eventId, LeadPush lead, String sentAt) {
        java.util.function.Function<LeadAttribute, String> v = a -> a.crmValue(lead.values().get(a));
        WebhookEvent.Lead body = new WebhookEvent.Lead(lead.leadRef(), lead.contentVersion(),
                LeadAttribute.PHONE.crmValue(lead.phone()),
                v.apply(LeadAttribute.NAME), v.apply(LeadAttribute.EMAIL), v.apply(LeadAttribute.VEHICLE),
                v.apply(LeadAttribute.SERVICE), v.apply(LeadAttribute.ESTIMATE), v.apply(LeadAttribute.SOURCE),
                v.apply(LeadAttribute.URGENCY), v.apply(LeadAttribute.TRANSCRIPT), v.apply(LeadAttribute.RECORDING),
                v.apply(LeadAttribute.LINE), v.apply(LeadAttribute.CALL_OUTCOME), v.apply(LeadAttribute.CALLED_AT),
                lead.startedAt().toString(), lead.lastActivityAt().toString(), v.apply(LeadAttribute.NOTES),
                lead.activities().stream().map(a -> new WebhookEvent.ActivityEntry(a.at().toString(), a.kind(),
                        SafeText.cell(a.text()))).toList());
        return new WebhookEvent(event, eventId, sentAt, body, neutralised(Json.MAPPER.valueToTree(lead.trigger())));
    }

    /** Every text value in the job neutralised for spreadsheets; E.164 numbers keep their {@code +}. */
    static JsonNode neutralised(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.fields().forEachRemaining(field -> object.set(field.getKey(), neutralised(field.getValue())));
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, neutralised(array.get(i)));
            }
        } else if (node != null && node.isTextual()) {
            return Json.MAPPER.getNodeFactory().textNode(SafeText.cell(node.textValue()));
        }
        return node;
    }

    private void post(String event, String eventId, LeadPush lead) {
        byte[] body;
        try {
            body = Json.MAPPER.writeValueAsBytes(event(event, eventId, lead, clock.instant().toString()));
        } catch (JsonProcessingException e) {
            throw new PermanentJobFailure("the webhook event for lead " + lead.leadRef() + " cannot be written as JSON: "
                    + e.getOriginalMessage());
        }
        String what = "Webhook " + event + " for lead " + lead.leadRef() + " (caller " + PhoneMask.mask(lead.phone()) + ")";
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "Switchboard-CRM-Sync")
                .header(EVENT_HEADER, event)
                .header(IDEMPOTENCY_HEADER, eventId)
                .header(WebhookSigner.HEADER, signer.sign(body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new RetryLater(what + " timed out after " + timeout.getSeconds() + " s; it is retried with the same"
                    + " Idempotency-Key");
        } catch (IOException e) {
            throw new RetryLater(what + " could not reach " + url.getHost() + ": "
                    + redactor.excerpt(e.getClass().getSimpleName() + " " + e.getMessage()) + "; it is retried");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetryLater(what + " was interrupted; it is retried");
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return;
        }
        String raw = redactor.excerpt(response.body());
        if (status == 408 || status == 429 || status >= 500) {
            Duration retryAfter = RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), clock)
                    .orElse(null);
            throw new RetryLater(redactor.clean(what + " failed: HTTP " + status + "; it is retried. Answer: " + raw),
                    null, retryAfter);
        }
        String fix = switch (status) {
            case 401, 403 -> "the receiver refused the request: check it verifies " + WebhookSigner.HEADER
                    + " with the same secret as " + secretSource + " (docs/crm.md)";
            case 404, 410 -> "check CRM_WEBHOOK_URL: the receiver says it does not exist";
            default -> status >= 300 && status < 400
                    ? "set CRM_WEBHOOK_URL to the final https address; a POST is not followed through redirects"
                    : "the receiver rejected the event; see its logs and docs/crm.md for the payload";
        };
        throw new PermanentJobFailure(redactor.clean(what + " failed: HTTP " + status + ": " + fix + ". Answer: " + raw));
    }
}
