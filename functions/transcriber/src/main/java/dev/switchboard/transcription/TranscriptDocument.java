package dev.switchboard.transcription;

import dev.switchboard.shared.storage.TranscriptRecords;
import java.util.List;
import java.util.Map;

/**
 * The transcript as stored in S3 ({@code transcripts/.../{RecordingSid}.json}): every sentence with its
 * channel, speaker and timing where the engine gave them, the readable text, and the extracted fields
 * with their evidence. Null values are left out of the JSON.
 *
 * @param version the document's shape; bumped when a field changes meaning
 */
public record TranscriptDocument(int version, String callSid, String recordingSid, String recordingKind,
                                 Integer channels, String engine, String language, String transcriptSid,
                                 String createdAt, List<Sentence> sentences, String text,
                                 Map<String, TranscriptRecords.Evidence> extracted) {

    public static final int VERSION = 1;

    /**
     * @param speaker {@code caller}, {@code business} or {@code unknown}
     * @param start   seconds from the start of the recording
     */
    public record Sentence(int index, Integer channel, String speaker, Double start, Double end, String text,
                           Double confidence) {

        static Sentence of(TranscriptSentence s) {
            return new Sentence(s.index(), s.channel(), s.speaker().id(), s.startSeconds(), s.endSeconds(), s.text(),
                    s.confidence());
        }
    }
}
