package dev.switchboard.transcription.engine;

import java.io.IOException;
import java.io.InputStream;

/** Archived audio, read as a stream (a recording is never held in memory whole). */
public interface AudioSource {

    /** An open object: its bytes, length and content type. Close it when done. */
    record Opened(InputStream stream, long length, String contentType) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            stream.close();
        }
    }

    /** The object's size in bytes (a HEAD request). */
    long size(String bucket, String key);

    Opened open(String bucket, String key);
}
