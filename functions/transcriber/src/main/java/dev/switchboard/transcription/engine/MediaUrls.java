package dev.switchboard.transcription.engine;

import java.time.Duration;

/** Short-lived links to archived audio, for an engine that fetches the media itself. */
public interface MediaUrls {

    String presignedGet(String bucket, String key, Duration validFor);
}
