package dev.switchboard.transcription.engine;

/** One way of turning a recording into a transcript. */
public interface TranscriptionEngine {

    EngineName name();

    /**
     * @throws dev.switchboard.shared.queue.RetryLater for 429, 5xx, timeouts and network trouble
     * @throws EngineFailure for a provider's permanent refusal
     */
    EngineResult transcribe(RecordingAudio audio);
}
