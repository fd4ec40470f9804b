package dev.switchboard.transcription.engine;

import dev.switchboard.transcription.Transcript;

/** What an engine did with a recording. Transient trouble is thrown as {@code RetryLater} instead. */
public sealed interface EngineResult {

    /** The transcript is here (Whisper answers at once). */
    record Completed(Transcript transcript) implements EngineResult {
    }

    /** The engine accepted the recording and will say when the transcript is ready (Intelligence). */
    record Submitted(String transcriptSid) implements EngineResult {
    }

    /** The engine cannot take this recording at all (too large, external storage, not on Twilio). */
    record CannotTake(String reason) implements EngineResult {
    }
}
