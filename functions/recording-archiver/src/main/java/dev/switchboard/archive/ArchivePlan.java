package dev.switchboard.archive;

import dev.switchboard.shared.jobs.ArchiveRecordingJob;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * Where and how a recording is stored, from its job alone (so a duplicate job lands on the same key).
 * Plain rules, no I/O.
 *
 * <p>Key: {@code recordings/{yyyy}/{MM}/{dd}/{CallSid}/{RecordingSid}.{mp3|wav}}, the date being when the
 * recording started (Twilio's {@code RecordingStartTime}), else when the callback arrived, in UTC.
 */
public final class ArchivePlan {

    public enum Format {
        MP3("mp3", "audio/mpeg"),
        WAV("wav", "audio/wav");

        private final String extension;
        private final String contentType;

        Format(String extension, String contentType) {
            this.extension = extension;
            this.contentType = contentType;
        }

        public String extension() {
            return extension;
        }

        public String contentType() {
            return contentType;
        }

        /** {@code RECORDING_FORMAT}: {@code mp3} or {@code wav}. */
        public static Optional<Format> of(String name) {
            for (Format format : values()) {
                if (format.extension.equalsIgnoreCase(name.trim())) {
                    return Optional.of(format);
                }
            }
            return Optional.empty();
        }
    }

    private ArchivePlan() {
    }

    /** When the recording happened, as well as the job tells. */
    public static Instant recordedAt(ArchiveRecordingJob job, Instant fallback) {
        if (job.recordingStartTime() != null && !job.recordingStartTime().isBlank()) {
            try {
                return ZonedDateTime.parse(job.recordingStartTime().trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                // Fall through to the callback's own time.
            }
        }
        if (job.requestedAt() != null && !job.requestedAt().isBlank()) {
            try {
                return Instant.parse(job.requestedAt().trim());
            } catch (DateTimeParseException e) {
                // Fall through.
            }
        }
        return fallback;
    }

    public static String key(String callSid, String recordingSid, Instant recordedAt, Format format) {
        LocalDate day = recordedAt.atZone(ZoneOffset.UTC).toLocalDate();
        return String.format(Locale.ROOT, "recordings/%04d/%02d/%02d/%s/%s.%s", day.getYear(), day.getMonthValue(),
                day.getDayOfMonth(), safe(callSid), safe(recordingSid), format.extension());
    }

    /** SIDs are letters and digits; anything else in a key segment is replaced, never trusted. */
    private static String safe(String sid) {
        return sid.replaceAll("[^A-Za-z0-9_-]", "_");
    }
}
