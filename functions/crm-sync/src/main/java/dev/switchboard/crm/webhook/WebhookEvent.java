package dev.switchboard.crm.webhook;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The JSON body of a CRM webhook (schema in docs/crm.md). Field names are the lead attribute names of
 * {@code CRM_FIELD_MAP}; attributes not known yet are left out.
 *
 * @param event   {@code lead.created} or {@code lead.updated}
 * @param eventId the same as the {@code Idempotency-Key} header: stable across redeliveries of the event
 * @param sentAt  ISO-8601 instant of this delivery attempt
 * @param trigger the queue job (quote, call or transcript) the event was sent for, every text in it neutralised
 *                for spreadsheets like the lead's fields
 */
@JsonPropertyOrder({"event", "event_id", "sent_at", "lead", "trigger"})
public record WebhookEvent(
        @JsonProperty("event") String event,
        @JsonProperty("event_id") String eventId,
        @JsonProperty("sent_at") String sentAt,
        @JsonProperty("lead") Lead lead,
        @JsonProperty("trigger") JsonNode trigger) {

    public static final String CREATED = "lead.created";
    public static final String UPDATED = "lead.updated";

    @JsonPropertyOrder({"id", "version", "phone", "name", "email", "vehicle", "service", "estimate", "source",
            "urgency", "transcript", "recording", "line", "call_outcome", "called_at", "started_at",
            "last_activity_at", "notes", "activities"})
    public record Lead(
            @JsonProperty("id") String id,
            @JsonProperty("version") long version,
            @JsonProperty("phone") String phone,
            @JsonProperty("name") String name,
            @JsonProperty("email") String email,
            @JsonProperty("vehicle") String vehicle,
            @JsonProperty("service") String service,
            @JsonProperty("estimate") String estimate,
            @JsonProperty("source") String source,
            @JsonProperty("urgency") String urgency,
            @JsonProperty("transcript") String transcript,
            @JsonProperty("recording") String recording,
            @JsonProperty("line") String line,
            @JsonProperty("call_outcome") String callOutcome,
            @JsonProperty("called_at") String calledAt,
            @JsonProperty("started_at") String startedAt,
            @JsonProperty("last_activity_at") String lastActivityAt,
            @JsonProperty("notes") String notes,
            @JsonProperty("activities") List<ActivityEntry> activities) {
    }

    /** One activity, newest first. */
    @JsonPropertyOrder({"at", "kind", "text"})
    public record ActivityEntry(
            @JsonProperty("at") String at,
            @JsonProperty("kind") String kind,
            @JsonProperty("text") String text) {
    }
}
