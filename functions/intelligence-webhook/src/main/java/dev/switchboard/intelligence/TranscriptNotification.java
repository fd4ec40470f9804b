package dev.switchboard.intelligence;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.shared.http.FormParameters;
import dev.switchboard.shared.http.HttpProblem;
import dev.switchboard.shared.json.Json;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What Conversational Intelligence posts when a transcript is ready: {@code transcript_sid},
 * {@code service_sid}, {@code customer_key} (Switchboard sets it to the CallSid) and {@code event_type}
 * ({@code voice_intelligence_transcript_available}). JSON as Twilio sends it, or form-encoded.
 */
public record TranscriptNotification(String transcriptSid, Optional<String> serviceSid, Optional<String> customerKey,
                                     Optional<String> eventType) {

    public static final String TRANSCRIPT_AVAILABLE = "voice_intelligence_transcript_available";
    private static final Pattern TRANSCRIPT_SID = Pattern.compile("GT[0-9a-fA-F]{32}");

    /** The event of an API-created transcript whose text is ready; other events need no fetch. */
    public boolean transcriptAvailable() {
        return eventType.isEmpty() || eventType.get().equals(TRANSCRIPT_AVAILABLE);
    }

    /** A CallSid in {@code customer_key}, if that is what it holds. */
    public Optional<String> callSid() {
        return customerKey.filter(k -> k.matches("CA[0-9a-fA-F]{32}"));
    }

    /** Reads the notification; anything malformed is a 400 naming the problem. */
    public static TranscriptNotification parse(String mediaType, String body, FormParameters form) {
        String transcriptSid;
        Optional<String> serviceSid;
        Optional<String> customerKey;
        Optional<String> eventType;
        if (mediaType.equals("application/json")) {
            JsonNode root;
            try {
                root = Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw HttpProblem.badRequest("Body is not valid JSON");
            }
            if (root == null || !root.isObject()) {
                throw HttpProblem.badRequest("Body must be a JSON object");
            }
            transcriptSid = text(root, "transcript_sid").orElse(null);
            serviceSid = text(root, "service_sid");
            customerKey = text(root, "customer_key");
            eventType = text(root, "event_type");
        } else {
            transcriptSid = form.first("transcript_sid").orElse(null);
            serviceSid = form.first("service_sid");
            customerKey = form.first("customer_key");
            eventType = form.first("event_type");
        }
        if (transcriptSid == null) {
            throw HttpProblem.badRequest("Missing transcript_sid");
        }
        if (!TRANSCRIPT_SID.matcher(transcriptSid).matches()) {
            throw HttpProblem.badRequest("transcript_sid is not a transcript SID (GT followed by 32 hex digits)");
        }
        if (customerKey.isPresent() && customerKey.get().length() > 128) {
            throw HttpProblem.badRequest("customer_key is too long");
        }
        return new TranscriptNotification(transcriptSid, serviceSid, customerKey, eventType);
    }

    private static Optional<String> text(JsonNode root, String field) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw HttpProblem.badRequest(field + " must be a string");
        }
        return Optional.of(value.asText().trim()).filter(s -> !s.isEmpty());
    }
}
