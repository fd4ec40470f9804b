package dev.switchboard.recordings;

import dev.switchboard.shared.storage.PrivateFiles;
import java.time.Duration;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** The private bucket, as the recordings API uses it: time-limited links to audio, and transcript text. */
public interface RecordingFiles {

    /** A presigned GET of {@code bucket/key}, valid for {@code lifetime}, answered with {@code contentType}. */
    String presignedGet(String bucket, String key, String contentType, Duration lifetime);

    /**
     * The first {@code maxBytes} of a text object, as UTF-8.
     *
     * @throws RuntimeException when it cannot be read
     */
    String readText(String bucket, String key, int maxBytes);

    static RecordingFiles of(S3Presigner presigner, S3Client s3) {
        PrivateFiles files = new PrivateFiles(presigner, s3);
        return new RecordingFiles() {
            @Override
            public String presignedGet(String bucket, String key, String contentType, Duration lifetime) {
                return files.presignedGet(bucket, key, contentType, lifetime);
            }

            @Override
            public String readText(String bucket, String key, int maxBytes) {
                return files.readText(bucket, key, maxBytes);
            }
        };
    }
}
