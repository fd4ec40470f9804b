package dev.switchboard.transcription.extract;

import dev.switchboard.transcription.Speaker;

/** One sentence of a transcript as the extractor sees it: who said it and what they said. */
public record Utterance(Speaker speaker, String text) {

    public Utterance {
        speaker = speaker == null ? Speaker.UNKNOWN : speaker;
        text = text == null ? "" : text;
    }

    /** Sentences the caller said, or that nobody can tell apart: where the caller's details are. */
    boolean fromCallerSide() {
        return speaker != Speaker.BUSINESS;
    }
}
