package dev.switchboard.transcription.testing;

import dev.switchboard.transcription.engine.AudioSource;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** A recording's audio in memory (random bytes), in place of the S3 object: records what was opened. */
public final class InMemoryAudio implements AudioSource {

    public final byte[] bytes;
    public final List<String> opened = Collections.synchronizedList(new ArrayList<>());

    public InMemoryAudio(int size) {
        bytes = new byte[size];
        new Random(6).nextBytes(bytes);
    }

    @Override
    public long size(String bucket, String key) {
        return bytes.length;
    }

    @Override
    public Opened open(String bucket, String key) {
        opened.add(bucket + "/" + key);
        return new Opened(new ByteArrayInputStream(bytes), bytes.length, "audio/mpeg");
    }
}
