package dev.switchboard.transcription;

import java.util.List;
import java.util.Optional;

/**
 * A transcript as an engine returned it.
 *
 * @param engine        {@code twilio-intelligence} or {@code openai-whisper}
 * @param language      a language code (en-US, en) where the engine gives one
 * @param transcriptSid the Conversational Intelligence transcript (GT...), for Intelligence
 */
public record Transcript(String engine, Optional<String> language, Optional<String> transcriptSid,
                         List<TranscriptSentence> sentences) {

    public Transcript {
        sentences = List.copyOf(sentences);
    }

    public Transcript withSentences(List<TranscriptSentence> replaced) {
        return new Transcript(engine, language, transcriptSid, replaced);
    }
}
