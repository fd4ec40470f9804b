package dev.switchboard.shared.storage;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The private recordings bucket as the owner's routes read it (the recordings API, the inbox): a
 * time-limited link to an object (the audio), and the beginning of a text object (a transcript). Nothing
 * in the bucket is public; a link is the only way a browser gets an object.
 */
public record PrivateFiles(S3Presigner presigner, S3Client s3) {

    /** A presigned GET of {@code bucket/key}, valid for {@code lifetime}, answered with {@code contentType}. */
    public String presignedGet(String bucket, String key, String contentType, Duration lifetime) {
        return presigner.presignGetObject(b -> b.signatureDuration(lifetime)
                        .getObjectRequest(g -> g.bucket(bucket).key(key).responseContentType(contentType)))
                .url().toString();
    }

    /**
     * The first {@code maxBytes} of a text object, as UTF-8.
     *
     * @throws RuntimeException when it cannot be read (missing, S3 down)
     */
    public String readText(String bucket, String key, int maxBytes) {
        byte[] bytes = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key).range("bytes=0-" + (maxBytes - 1))).asByteArray();
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
