package dev.switchboard.transcription;

/**
 * One sentence (Intelligence) or segment (Whisper) of a transcript.
 *
 * @param channel      the audio channel it was heard on (1 = caller, 2 = business in a dual-channel call
 *                     recording); null when the engine does not say
 * @param startSeconds offset from the start of the recording, null when the engine gives no timing
 * @param confidence   0..1 where the engine gives one
 */
public record TranscriptSentence(int index, Integer channel, Speaker speaker, Double startSeconds, Double endSeconds,
                                 String text, Double confidence) {

    public TranscriptSentence {
        speaker = speaker == null ? Speaker.UNKNOWN : speaker;
        text = text == null ? "" : text.trim();
    }

    public TranscriptSentence withSpeaker(Speaker who) {
        return new TranscriptSentence(index, channel, who, startSeconds, endSeconds, text, confidence);
    }
}
