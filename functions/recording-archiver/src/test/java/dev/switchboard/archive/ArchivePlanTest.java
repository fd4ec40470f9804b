package dev.switchboard.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.archive.ArchivePlan.Format;
import dev.switchboard.shared.jobs.ArchiveRecordingJob;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ArchivePlanTest {

    static ArchiveRecordingJob job(String startTime, String requestedAt) {
        return new ArchiveRecordingJob("CA1", "RE1", "https://api.twilio.com/x", 23, 1, "RecordVerb", "AC1", startTime,
                "voicemail", "+19045550123", "+19045550200", "+19045550200", requestedAt);
    }

    @Test
    void keysFollowTheRecordingsDayInUtc() {
        Instant at = ArchivePlan.recordedAt(job("Mon, 23 Nov 2026 23:59:58 -0500", null), Instant.EPOCH);
        assertThat(at).isEqualTo(Instant.parse("2026-11-24T04:59:58Z"));
        assertThat(ArchivePlan.key("CA1", "RE1", at, Format.MP3)).isEqualTo("recordings/2026/11/24/CA1/RE1.mp3");
        assertThat(ArchivePlan.key("CA1", "RE1", at, Format.WAV)).isEqualTo("recordings/2026/11/24/CA1/RE1.wav");
    }

    @Test
    void withoutAStartTimeTheCallbacksTimeCountsThenNow() {
        assertThat(ArchivePlan.recordedAt(job(null, "2026-01-02T03:04:05Z"), Instant.EPOCH))
                .isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
        assertThat(ArchivePlan.recordedAt(job("garbage", "also garbage"), Instant.EPOCH)).isEqualTo(Instant.EPOCH);
    }

    @Test
    void aSidCannotEscapeItsKeySegment() {
        assertThat(ArchivePlan.key("../../etc", "RE1", Instant.EPOCH, Format.MP3))
                .isEqualTo("recordings/1970/01/01/______etc/RE1.mp3");
    }

    @Test
    void formats() {
        assertThat(Format.of("WAV")).contains(Format.WAV);
        assertThat(Format.of("ogg")).isEmpty();
        assertThat(Format.MP3.contentType()).isEqualTo("audio/mpeg");
    }
}
