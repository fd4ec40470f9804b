package dev.switchboard.archive;

import dev.switchboard.archive.ArchivePlan.Format;
import dev.switchboard.shared.jobs.ArchiveRecordingJob;
import dev.switchboard.shared.jobs.TranscriptionJob;
import dev.switchboard.shared.queue.JobAttempt;
import dev.switchboard.shared.jobs.AlertJob;
import dev.switchboard.shared.phone.E164;
import dev.switchboard.shared.phone.WithheldCallers;
import dev.switchboard.shared.queue.JobSender;
import dev.switchboard.shared.queue.RetryLater;
import dev.switchboard.shared.storage.Item;
import dev.switchboard.shared.storage.OnceOnly.WhenUnavailable;
import dev.switchboard.shared.storage.OnceOnly;
import dev.switchboard.shared.storage.RecordingRecords;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * One archive job, start to end: stream the media from Twilio into S3, record it on the recording item,
 * optionally delete it from Twilio once the S3 copy is verified, then queue ONE transcription job.
 *
 * <p>Every step is safe to repeat, so a duplicate or retried job never writes a second object or queues a
 * second transcription: an archived recording is not downloaded again, an object already at its key (a
 * worker that died after uploading) is adopted instead of overwritten, two deliveries at once are kept
 * apart by a lease on the recording item, and the transcription job is guarded by a once-only marker.
 */
public final class RecordingArchiver {

    static final String TRANSCRIPTION_SCOPE = "transcription-job";
    static final String DEADLINE_SCOPE = "voicemail-alert-deadline";
    private static final Duration LEASE = Duration.ofMinutes(15);
    private static final Duration ONCE_TTL = Duration.ofDays(30);
    private static final Duration LEASE_BUSY_RETRY = Duration.ofMinutes(2);
    private static final Logger LOG = LoggerFactory.getLogger(RecordingArchiver.class);

    private final MediaDownloader media;
    private final S3RecordingStore store;
    private final RecordingRecords recordings;
    private final OnceOnly once;
    private final JobSender<TranscriptionJob> transcriptionQueue;
    private final JobSender<AlertJob> voicemailDeadline;
    private final Optional<TwilioRecordings> deleteFromTwilio;
    private final String bucket;
    private final Format format;
    private final Clock clock;

    /**
     * @param voicemailDeadline puts a voicemail's deadline alert job on the alert queue, delayed
     *                          ({@link VoicemailDeadline})
     * @param deleteFromTwilio  present when {@code DELETE_FROM_TWILIO_AFTER_ARCHIVE=true}
     */
    public RecordingArchiver(MediaDownloader media, S3RecordingStore store, RecordingRecords recordings, OnceOnly once,
                             JobSender<TranscriptionJob> transcriptionQueue, JobSender<AlertJob> voicemailDeadline,
                             Optional<TwilioRecordings> deleteFromTwilio,
                             String bucket,
                             Format format, Clock clock) {
        this.media = media;
        this.store = store;
        this.recordings = recordings;
        this.once = once;
        this.transcriptionQueue = transcriptionQueue;
        this.voicemailDeadline = voicemailDeadline;
        this.deleteFromTwilio = deleteFromTwilio;
        this.bucket = bucket;
        this.format = format;
        this.clock = clock;
    }

    public void archive(ArchiveRecordingJob job, JobAttempt attempt) {
        String sid = job.recordingSid();
        Map<String, AttributeValue> item = recording(sid);
        RecordingRecords.Archived archived;
        if (RecordingRecords.ARCHIVED.equals(Item.string(item, "status").orElse("")) && item.containsKey("s3Key")) {
            archived = fromItem(job, item);
            LOG.info("Recording {} of call {} is already archived at {}", sid, job.callSid(), archived.key());
        } else {
            archived = store(job, item, attempt);
        }
        boolean deleted = Item.flag(item, "deletedFromTwilio");
        if (deleteFromTwilio.isPresent() && !deleted) {
            deleted = deleteFromTwilio(archived);
        }
        queueTranscription(job, item, archived, deleted);
    }

    private RecordingRecords.Archived store(ArchiveRecordingJob job, Map<String, AttributeValue> item, JobAttempt attempt) {
        String sid = job.recordingSid();
        Instant now = clock.instant();
        String holder = attempt.messageId();
        if (!retryable(() -> recordings.acquireArchiveLease(sid, holder, LEASE, now), "taking the archive lease")) {
            throw new RetryLater("recording " + sid + " is being archived by another delivery right now", null,
                    LEASE_BUSY_RETRY);
        }
        Instant recordedAt = ArchivePlan.recordedAt(job, now);
        String key = ArchivePlan.key(job.callSid(), sid, recordedAt, format);
        try {
            S3RecordingStore.Stored stored = existingObject(key, sid).orElseGet(() -> download(job, key));
            RecordingRecords.Archived archived = new RecordingRecords.Archived(sid, job.callSid(), kind(job, item),
                    recordedAt, bucket, key, stored.sizeBytes(), stored.sha256(), format.contentType(),
                    Optional.ofNullable(job.durationSeconds()).map(Integer::longValue),
                    Optional.ofNullable(job.channels()).map(Integer::longValue), text(job.from(), item, "from"),
                    text(job.to(), item, "to"), text(job.line(), item, "line"));
            retryable(() -> {
                recordings.markArchived(archived, clock.instant());
                return null;
            }, "recording the archived recording " + sid);
            LOG.info("Recording {} of call {} archived to s3://{}/{} ({} bytes, sha256 {})", sid, job.callSid(), bucket,
                    key, stored.sizeBytes(), stored.sha256());
            return archived;
        } catch (RuntimeException e) {
            releaseLease(sid, holder, e);
            throw e;
        }
    }

    /** An object a previous delivery uploaded before it died: adopted, not written again. */
    private Optional<S3RecordingStore.Stored> existingObject(String key, String sid) {
        Optional<HeadObjectResponse> head = retryable(() -> store.head(bucket, key), "checking s3://" + bucket + "/" + key);
        if (head.isEmpty() || !sid.equals(head.get().metadata().get(S3RecordingStore.META_RECORDING_SID))) {
            return Optional.empty();
        }
        String sha256 = head.get().metadata().get(S3RecordingStore.META_SHA256);
        S3RecordingStore.Stored stored = sha256 != null
                ? new S3RecordingStore.Stored(head.get().contentLength(), sha256)
                : retryable(() -> store.measure(bucket, key), "measuring s3://" + bucket + "/" + key);
        LOG.info("Recording {}: s3://{}/{} already holds it (an earlier delivery uploaded it); not uploading again",
                sid, bucket, key);
        return Optional.of(stored);
    }

    private S3RecordingStore.Stored download(ArchiveRecordingJob job, String key) {
        URI url = media.mediaUrl(job.recordingUrl(), format.extension());
        MediaDownloader.Download download = media.open(url);
        try {
            return store.put(bucket, key, format.contentType(), Map.of(
                            S3RecordingStore.META_RECORDING_SID, job.recordingSid(),
                            S3RecordingStore.META_CALL_SID, job.callSid()),
                    download.body(), download.contentLength());
        } catch (UncheckedIOException | S3RecordingStore.TruncatedDownload e) {
            throw new RetryLater("recording " + job.recordingSid() + " download broke off: " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new RetryLater("recording " + job.recordingSid() + " could not be written to S3: " + e.getMessage(), e);
        } finally {
            closeQuietly(download);
        }
    }

    private static void closeQuietly(MediaDownloader.Download download) {
        try {
            download.close();
        } catch (java.io.IOException e) {
            LOG.debug("Closing the media download failed: {}", e.getMessage());
        }
    }

    /**
     * Deletes the recording from Twilio, but only when S3 holds exactly what was archived (read back: same
     * size, same SHA-256). A mismatch or a failed delete leaves it in Twilio, which loses nothing.
     */
    private boolean deleteFromTwilio(RecordingRecords.Archived archived) {
        String sid = archived.recordingSid();
        S3RecordingStore.Stored check;
        try {
            check = store.measure(bucket, archived.key());
        } catch (RuntimeException e) {
            LOG.warn("Recording {}: the S3 copy could not be read back for verification ({}); not deleting it from"
                    + " Twilio", sid, e.getMessage());
            return false;
        }
        if (check.sizeBytes() != archived.sizeBytes() || !check.sha256().equals(archived.sha256())) {
            LOG.error("Recording {}: the S3 copy s3://{}/{} does not match what was archived ({} bytes {} vs {} bytes {});"
                    + " NOT deleting it from Twilio", sid, bucket, archived.key(), check.sizeBytes(), check.sha256(),
                    archived.sizeBytes(), archived.sha256());
            return false;
        }
        try {
            deleteFromTwilio.get().delete(sid);
            recordings.markDeletedFromTwilio(sid, clock.instant());
            LOG.info("Recording {} deleted from Twilio after its S3 copy was verified", sid);
            return true;
        } catch (RuntimeException e) {
            LOG.warn("Recording {} is archived but could not be deleted from Twilio ({}); it stays there", sid,
                    e.getMessage());
            return false;
        }
    }

    private void queueTranscription(ArchiveRecordingJob job, Map<String, AttributeValue> item,
                                    RecordingRecords.Archived archived, boolean deletedFromTwilio) {
        String sid = job.recordingSid();
        TranscriptionJob transcription = new TranscriptionJob.Transcribe(job.callSid(), sid, bucket, archived.key(),
                archived.contentType(), archived.sizeBytes(), archived.channels().map(Long::intValue).orElse(null),
                archived.durationSeconds().map(Long::intValue).orElse(null), deletedFromTwilio,
                archived.from().orElse(null), archived.to().orElse(null), archived.line().orElse(null), kind(job, item),
                clock.instant().toString());
        if ("voicemail".equals(kind(job, item))) {
            queueDeadline(job, archived);
        }
        OnceOnly.Outcome queued;
        try {
            queued = once.once(TRANSCRIPTION_SCOPE, sid, ONCE_TTL, WhenUnavailable.THROW,
                    () -> transcriptionQueue.send(transcription));
        } catch (RuntimeException e) {
            throw new RetryLater("recording " + sid + " is archived but its transcription job could not be queued: "
                    + e.getMessage(), e);
        }
        if (queued == OnceOnly.Outcome.ALREADY_DONE) {
            LOG.info("Recording {}: transcription already queued (duplicate archive job)", sid);
            return;
        }
        try {
            recordings.markTranscriptionQueued(sid, clock.instant());
        } catch (RuntimeException e) {
            LOG.warn("Recording {}: transcription queued but not noted on the item: {}", sid, e.getMessage());
        }
        LOG.info("Recording {} of call {}: transcription job queued", sid, job.callSid());
    }

    /**
     * A voicemail's alert must never be later than the deadline after archiving, however slow the transcript:
     * a delayed alert job ({@code trigger = deadline}) that sends only if the transcriber has not finished.
     * Queued once per recording; a failure is logged (the transcriber's own alert job still comes).
     */
    private void queueDeadline(ArchiveRecordingJob job, RecordingRecords.Archived archived) {
        String sid = job.recordingSid();
        // A withheld caller ID ("anonymous", a placeholder like +266696687, empty) is no number: the alert then
        // says "a withheld number" (or names the number heard in the voicemail, when the transcript comes first).
        Optional<String> caller = archived.from().filter(from -> !WithheldCallers.isWithheld(from));
        AlertJob deadline = new AlertJob.Voicemail(job.callSid(), sid, caller.orElse(null),
                archived.line().or(archived::to).filter(E164::isE164).orElse(null), archived.createdAt().toString(),
                archived.durationSeconds().map(Long::intValue).orElse(null), AlertJob.Trigger.deadline, null, null, null,
                null, null);
        try {
            once.once(DEADLINE_SCOPE, sid, ONCE_TTL, WhenUnavailable.ACT_UNGUARDED, () -> voicemailDeadline.send(deadline));
        } catch (RuntimeException e) {
            LOG.error("Voicemail {}: the alert deadline could not be queued ({}); the transcriber's alert still comes",
                    sid, e.getMessage());
        }
    }

    private RecordingRecords.Archived fromItem(ArchiveRecordingJob job, Map<String, AttributeValue> item) {
        return new RecordingRecords.Archived(job.recordingSid(), job.callSid(), kind(job, item), clock.instant(),
                Item.string(item, "s3Bucket").orElse(bucket), Item.string(item, "s3Key").orElseThrow(),
                Item.number(item, "sizeBytes").orElse(0L), Item.string(item, "sha256").orElse(""),
                Item.string(item, "contentType").orElse(format.contentType()),
                Item.number(item, "durationSeconds").or(() -> Optional.ofNullable(job.durationSeconds()).map(Integer::longValue)),
                Item.number(item, "channels").or(() -> Optional.ofNullable(job.channels()).map(Integer::longValue)),
                text(job.from(), item, "from"), text(job.to(), item, "to"), text(job.line(), item, "line"));
    }

    private Map<String, AttributeValue> recording(String sid) {
        return retryable(() -> recordings.find(sid), "reading recording " + sid).orElse(Map.of());
    }

    private void releaseLease(String sid, String holder, RuntimeException cause) {
        try {
            recordings.releaseArchiveLease(sid, holder, String.valueOf(cause.getMessage()), clock.instant());
        } catch (RuntimeException e) {
            LOG.warn("Recording {}: the archive lease could not be released ({}); it expires on its own", sid,
                    e.getMessage());
        }
    }

    private static String kind(ArchiveRecordingJob job, Map<String, AttributeValue> item) {
        return Optional.ofNullable(job.kind()).or(() -> Item.string(item, "kind")).orElse("call");
    }

    private static Optional<String> text(String fromJob, Map<String, AttributeValue> item, String attribute) {
        return Optional.ofNullable(fromJob).filter(v -> !v.isBlank()).or(() -> Item.string(item, attribute));
    }

    /** An AWS call whose failure is transient by nature: retried through the queue. */
    private static <T> T retryable(java.util.function.Supplier<T> call, String what) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw new RetryLater(what + " failed: " + e.getMessage(), e);
        }
    }
}
