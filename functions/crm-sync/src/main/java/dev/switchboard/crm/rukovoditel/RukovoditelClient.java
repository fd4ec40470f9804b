package dev.switchboard.crm.rukovoditel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.crm.CrmClient;
import dev.switchboard.crm.CrmItemGone;
import dev.switchboard.crm.Redactor;
import dev.switchboard.crm.lead.LeadAttribute;
import dev.switchboard.crm.lead.LeadPush;
import dev.switchboard.shared.logging.PhoneMask;
import dev.switchboard.shared.queue.PermanentJobFailure;
import dev.switchboard.shared.queue.RetryLater;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rukovoditel's REST API: one form POST to the installation's {@code api/rest.php} per call (see
 * {@link RukovoditelRequests} for the bodies, {@link RukovoditelAnswers} for what the answers mean).
 * No retries here: a failure is thrown and the queue retries with backoff.
 */
public final class RukovoditelClient implements CrmClient {

    private static final Logger LOG = LoggerFactory.getLogger(RukovoditelClient.class);

    private final HttpClient http;
    private final URI apiUrl;
    private final Duration timeout;
    private final RukovoditelRequests requests;
    private final RukovoditelAnswers answers;
    private final Redactor redactor;
    /** The missing Extension is logged once per container, not once per job and retry. */
    private final AtomicBoolean extensionReported = new AtomicBoolean();

    public RukovoditelClient(HttpClient http, URI apiUrl, Duration timeout, RukovoditelRequests requests,
                             RukovoditelAnswers answers, Redactor redactor) {
        this.http = http;
        this.apiUrl = apiUrl;
        this.timeout = timeout;
        this.requests = requests;
        this.answers = answers;
        this.redactor = redactor;
    }

    @Override
    public String name() {
        return "Rukovoditel";
    }

    @Override
    public String insert(LeadPush lead) {
        JsonNode data = call("insert", lead, requests.insert(lead.complete()));
        return RukovoditelAnswers.insertedId(data).orElseThrow(() -> new RetryLater(
                "Rukovoditel insert of lead " + lead.leadRef() + " answered success without an item id ("
                        + redactor.excerpt(String.valueOf(data)) + "); the CRM is searched for it before any new insert"));
    }

    @Override
    public void update(String crmItemId, LeadPush lead) {
        if (!requests.hasMappedChanges(lead)) {
            LOG.debug("Lead {} has no change in a mapped field; no update sent", lead.leadRef());
            return;
        }
        JsonNode data = call("update", lead, requests.update(crmItemId, lead));
        if (RukovoditelAnswers.updatedNothing(data)) {
            throw new CrmItemGone(crmItemId, "Rukovoditel item " + crmItemId + " of lead " + lead.leadRef()
                    + " no longer exists (the update answered success with an empty id: it was deleted in the CRM)");
        }
    }

    @Override
    public Optional<String> findInserted(LeadPush lead, String previousCrmItemId) {
        JsonNode data = call("select", lead, requests.select(lead.phone()));
        return RukovoditelSearch.ourRecord(data, lead, requests.fields(), previousCrmItemId);
    }

    private JsonNode call(String action, LeadPush lead, PhpQuery query) {
        String what = "Rukovoditel " + action + " of lead " + lead.leadRef() + " (caller " + PhoneMask.mask(lead.phone()) + ")";
        HttpRequest request = HttpRequest.newBuilder(apiUrl)
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .header("Accept", "application/json")
                .header("User-Agent", "Switchboard-CRM-Sync")
                .POST(HttpRequest.BodyPublishers.ofString(query.encode(), StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new RetryLater(what + " timed out after " + timeout.getSeconds() + " s; it is retried"
                    + (action.equals("insert") ? " (searching the CRM first, in case the insert went through)" : ""));
        } catch (IOException e) {
            throw new RetryLater(what + " could not reach " + apiUrl.getHost() + ": "
                    + redactor.excerpt(e.getClass().getSimpleName() + " " + e.getMessage()) + "; it is retried");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetryLater(what + " was interrupted; it is retried");
        }
        if (RukovoditelAnswers.extensionMissing(response.statusCode(), response.body())
                && extensionReported.compareAndSet(false, true)) {
            LOG.error("Rukovoditel's REST API is missing at {}: api/rest.php answered HTTP {} {}, which is what it does"
                    + " without the Rukovoditel Extension (the REST API is part of it): {}", apiUrl.getHost(),
                    response.statusCode(), response.body() == null || response.body().isBlank() ? "with an empty body"
                            : "with a PHP error page from plugins/ext", RukovoditelAnswers.EXTENSION_FIX);
        }
        RukovoditelAnswer answer = answers.classify(response.statusCode(),
                response.headers().firstValue("Content-Type"), response.headers().firstValue("Retry-After"),
                response.body());
        if (answer instanceof RukovoditelAnswer.Success success) {
            return success.data();
        }
        String raw = redactor.excerpt(response.body());
        if (answer instanceof RukovoditelAnswer.Transient failure) {
            throw new RetryLater(redactor.clean(what + " failed: " + failure.problem() + "; it is retried. Answer: " + raw),
                    null, failure.retryAfter().orElse(null));
        }
        RukovoditelAnswer.Refused refused = (RukovoditelAnswer.Refused) answer;
        throw new PermanentJobFailure(redactor.clean(what + " failed: " + refused.problem() + ": " + refused.fix()
                + ". Answer: " + raw));
    }

    /** The attribute an installation uses to recognise a record as this lead's, for docs and tests. */
    static Optional<LeadAttribute> recognisedBy(FieldMap fields) {
        if (fields.fieldId(LeadAttribute.LEAD_REF).isPresent()) {
            return Optional.of(LeadAttribute.LEAD_REF);
        }
        return fields.fieldId(LeadAttribute.NOTES).map(id -> LeadAttribute.NOTES);
    }
}
