package dev.switchboard.transcription.engine;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.intelligence.v2.Transcript;
import com.twilio.rest.intelligence.v2.transcript.Sentence;
import dev.switchboard.transcription.TranscriptSentence;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a finished Conversational Intelligence transcript: {@code GET /v2/Transcripts/{sid}} (its status,
 * customer key and source recording) and every page of {@code /v2/Transcripts/{sid}/Sentences?Redacted=false}
 * (twilio-java follows {@code meta.next_page_url}).
 */
public final class IntelligenceTranscripts {

    /** A transcript resource, as much of it as the worker needs. */
    public record Fetched(String sid, String status, Optional<String> customerKey, Optional<String> sourceSid,
                          Optional<String> languageCode) {

        public boolean completed() {
            return "completed".equals(status);
        }

        /** failed, canceled, error: it will never complete. */
        public boolean ended() {
            return "failed".equals(status) || "canceled".equals(status) || "error".equals(status);
        }
    }

    private final TwilioRestClient client;
    private final Clock clock;

    public IntelligenceTranscripts(TwilioRestClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    public Fetched fetch(String transcriptSid) {
        try {
            Transcript t = Transcript.fetcher(transcriptSid).fetch(client);
            return new Fetched(t.getSid(), t.getStatus() == null ? "unknown" : t.getStatus().toString(),
                    Optional.ofNullable(t.getCustomerKey()).filter(k -> !k.isBlank()), sourceSid(t.getChannel()),
                    Optional.ofNullable(t.getLanguageCode()).filter(l -> !l.isBlank()));
        } catch (ApiException e) {
            throw failure("Conversational Intelligence could not return transcript " + transcriptSid, e);
        } catch (ApiConnectionException e) {
            throw TwilioFailures.retryLater("Conversational Intelligence could not return transcript " + transcriptSid, e);
        }
    }

    /** Every sentence of the transcript, all pages, in order. */
    public List<TranscriptSentence> sentences(String transcriptSid) {
        List<TranscriptSentence> sentences = new ArrayList<>();
        try {
            int index = 0;
            // Unredacted: the owner needs the caller's name and number (a redacting service otherwise hides them).
            for (Sentence s : Sentence.reader(transcriptSid).setRedacted(false).read(client)) {
                sentences.add(new TranscriptSentence(s.getSentenceIndex() != null ? s.getSentenceIndex() : index,
                        s.getMediaChannel(), null, seconds(s.getStartTime()), seconds(s.getEndTime()),
                        s.getTranscript(), seconds(s.getConfidence())));
                index++;
            }
        } catch (ApiException e) {
            throw failure("Conversational Intelligence could not return the sentences of " + transcriptSid, e);
        } catch (ApiConnectionException e) {
            throw TwilioFailures.retryLater("Conversational Intelligence could not return the sentences of "
                    + transcriptSid, e);
        }
        sentences.sort((a, b) -> Integer.compare(a.index(), b.index()));
        return sentences;
    }

    private RuntimeException failure(String what, ApiException e) {
        if (TwilioFailures.transient_(e)) {
            return TwilioFailures.retryLater(what, e, client, clock);
        }
        return new EngineFailure(what + ": " + TwilioFailures.describe(e));
    }

    /** {@code channel.media_properties.source_sid} of the transcript resource (the RecordingSid). */
    @SuppressWarnings("unchecked")
    static Optional<String> sourceSid(Object channel) {
        if (channel instanceof Map<?, ?> map && map.get("media_properties") instanceof Map<?, ?> media) {
            Object sid = ((Map<String, Object>) media).get("source_sid");
            return sid instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
        }
        return Optional.empty();
    }

    /** "1.08" → 1.08; null or not a number → null (timing "where given"). */
    static Double seconds(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
