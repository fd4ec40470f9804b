package dev.switchboard.transcription.engine;

/**
 * The provider refused the request for good (a 4xx other than 429): retrying the same request cannot
 * help. The message names the provider's error; it never carries a secret.
 */
public class EngineFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EngineFailure(String message) {
        super(message, null, false, false);
    }
}
