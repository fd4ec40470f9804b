package dev.switchboard.transcription;

import dev.switchboard.shared.queue.PermanentJobFailure;
import dev.switchboard.shared.queue.RetryLater;
import dev.switchboard.transcription.engine.AudioSource;
import dev.switchboard.transcription.engine.MediaUrls;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The private bucket: archived audio read as a stream (for Whisper) or through a presigned link (for
 * Intelligence when the recording is gone from Twilio), and transcripts written next to the recordings.
 * A missing object is permanent; S3 throttling, 5xx and network trouble are retried through the queue.
 */
public final class RecordingBucket implements AudioSource, MediaUrls {

    private final S3Client s3;
    private final S3Presigner presigner;

    public RecordingBucket(S3Client s3, S3Presigner presigner) {
        this.s3 = s3;
        this.presigner = presigner;
    }

    @Override
    public long size(String bucket, String key) {
        try {
            HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(key));
            return head.contentLength();
        } catch (SdkException e) {
            throw failure("read the size of", bucket, key, e);
        }
    }

    @Override
    public Opened open(String bucket, String key) {
        try {
            ResponseInputStream<GetObjectResponse> in = s3.getObject(GetObjectRequest.builder().bucket(bucket).key(key).build());
            return new Opened(in, in.response().contentLength(), in.response().contentType());
        } catch (SdkException e) {
            throw failure("read", bucket, key, e);
        }
    }

    @Override
    public String presignedGet(String bucket, String key, Duration validFor) {
        return presigner.presignGetObject(b -> b.signatureDuration(validFor)
                .getObjectRequest(g -> g.bucket(bucket).key(key))).url().toString();
    }

    /** Writes a small text object (a transcript), UTF-8. Writing the same key again replaces it. */
    public void putText(String bucket, String key, String content, String contentType) {
        try {
            s3.putObject(PutObjectRequest.builder().bucket(bucket).key(key)
                            .contentType(contentType + "; charset=utf-8").build(),
                    RequestBody.fromString(content, StandardCharsets.UTF_8));
        } catch (SdkException e) {
            throw failure("write", bucket, key, e);
        }
    }

    private static RuntimeException failure(String action, String bucket, String key, SdkException e) {
        String where = "s3://" + bucket + "/" + key;
        if (e instanceof NoSuchKeyException || (e instanceof S3Exception s3e && s3e.statusCode() == 404)) {
            return new PermanentJobFailure("could not " + action + " " + where + ": no such object", e);
        }
        if (e instanceof S3Exception s3e && s3e.statusCode() == 403) {
            return new PermanentJobFailure("could not " + action + " " + where + ": access denied (check the"
                    + " function's S3 policy)", e);
        }
        // Throttling, 5xx, network trouble: S3 will answer again.
        return new RetryLater("could not " + action + " " + where + ": " + e.getMessage(), e);
    }
}
