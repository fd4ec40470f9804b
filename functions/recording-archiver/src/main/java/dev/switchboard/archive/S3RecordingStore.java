package dev.switchboard.archive;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Recordings in the private bucket, streamed: a download is read in parts of {@code partSizeBytes} into
 * one reusable buffer and each part is uploaded as it fills (S3 multipart upload), so the heap holds one
 * part, never the recording. A recording smaller than one part is a single PutObject. The SHA-256 of the
 * whole file is computed on the way through; S3 checks each request's own SHA-256 checksum (the whole
 * object's for a single PutObject, each part's for a multipart upload), and the whole file's digest is
 * stored as object metadata when it is known before the upload starts (single part) and always in
 * DynamoDB.
 */
public final class S3RecordingStore {

    /** S3's smallest part (except the last). */
    public static final int MIN_PART_SIZE = 5 * 1024 * 1024;
    public static final String META_SHA256 = "sha256";
    public static final String META_RECORDING_SID = "recording-sid";
    public static final String META_CALL_SID = "call-sid";

    private static final Logger LOG = LoggerFactory.getLogger(S3RecordingStore.class);

    private final S3Client s3;
    private final int partSizeBytes;

    public S3RecordingStore(S3Client s3, int partSizeBytes) {
        if (partSizeBytes < MIN_PART_SIZE) {
            throw new IllegalArgumentException("part size below S3's 5 MiB minimum");
        }
        this.s3 = s3;
        this.partSizeBytes = partSizeBytes;
    }

    /** The object's size and metadata, when it exists. */
    public Optional<HeadObjectResponse> head(String bucket, String key) {
        try {
            return Optional.of(s3.headObject(b -> b.bucket(bucket).key(key)));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Streams {@code body} into {@code bucket/key}.
     *
     * @param expectedLength the length the source announced; a different byte count is a truncated
     *                       download ({@link TruncatedDownload}) and nothing is stored
     * @throws UncheckedIOException when reading the source fails (the multipart upload is aborted)
     */
    public Stored put(String bucket, String key, String contentType, Map<String, String> metadata, InputStream body,
                      OptionalLong expectedLength) {
        byte[] buffer = new byte[partSizeBytes];
        MessageDigest whole = sha256();
        int first = read(body, buffer);
        whole.update(buffer, 0, first);
        if (first < partSizeBytes) {
            String hex = HexFormat.of().formatHex(whole.digest());
            checkLength(first, expectedLength);
            Map<String, String> withDigest = new java.util.HashMap<>(metadata);
            withDigest.put(META_SHA256, hex);
            s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType).contentLength((long) first)
                            .metadata(withDigest).checksumAlgorithm(ChecksumAlgorithm.SHA256)
                            .checksumSHA256(base64Sha256(buffer, first)),
                    body(buffer, first, contentType));
            return new Stored(first, hex);
        }
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType(contentType)
                .metadata(metadata).checksumAlgorithm(ChecksumAlgorithm.SHA256)).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            long total = 0;
            int length = first;
            int partNumber = 1;
            while (length > 0) {
                String partChecksum = base64Sha256(buffer, length);
                int number = partNumber;
                int size = length;
                UploadPartResponse response = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                                .partNumber(number).contentLength((long) size)
                                .checksumAlgorithm(ChecksumAlgorithm.SHA256).checksumSHA256(partChecksum),
                        body(buffer, size, contentType));
                parts.add(CompletedPart.builder().partNumber(number).eTag(response.eTag())
                        .checksumSHA256(response.checksumSHA256() != null ? response.checksumSHA256() : partChecksum)
                        .build());
                total += size;
                partNumber++;
                length = read(body, buffer);
                whole.update(buffer, 0, length);
            }
            checkLength(total, expectedLength);
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
            return new Stored(total, HexFormat.of().formatHex(whole.digest()));
        } catch (RuntimeException e) {
            abort(bucket, key, uploadId);
            throw e;
        }
    }

    /** Reads the stored object back and measures it: the check before a recording is deleted from Twilio. */
    public Stored measure(String bucket, String key) {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(bucket).key(key))) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
                total += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading s3://" + bucket + "/" + key + " back failed", e);
        }
        return new Stored(total, HexFormat.of().formatHex(digest.digest()));
    }

    private static RequestBody body(byte[] buffer, int length, String contentType) {
        // A fresh stream over the same buffer for each (re)try of the request; no copy of the part.
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(buffer, 0, length), length, contentType);
    }

    private void abort(String bucket, String key, String uploadId) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
        } catch (RuntimeException e) {
            LOG.warn("Could not abort the multipart upload of {} ({}); the bucket's lifecycle rule removes it",
                    key, e.getMessage());
        }
    }

    /** Fills the buffer as far as the stream allows; fewer bytes only at its end. */
    private static int read(InputStream in, byte[] buffer) {
        try {
            return in.readNBytes(buffer, 0, buffer.length);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the recording failed", e);
        }
    }

    private static void checkLength(long actual, OptionalLong expected) {
        if (expected.isPresent() && expected.getAsLong() != actual) {
            throw new TruncatedDownload(expected.getAsLong(), actual);
        }
    }

    private static String base64Sha256(byte[] buffer, int length) {
        MessageDigest digest = sha256();
        digest.update(buffer, 0, length);
        return Base64.getEncoder().encodeToString(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** What is in S3: its size and SHA-256 (hex). */
    public record Stored(long sizeBytes, String sha256) {
    }

    /** The download ended before the length its source announced. */
    public static final class TruncatedDownload extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TruncatedDownload(long expected, long actual) {
            super("download ended after " + actual + " of " + expected + " bytes");
        }
    }
}
