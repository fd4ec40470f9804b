package dev.switchboard.dialstatus;

import java.util.Optional;

/**
 * What the voicemail {@code <Record action>} reports: a voicemail counts as left when Twilio made a
 * recording with at least a second of sound ({@code trim="trim-silence"} leaves a silent one at 0 s).
 * Plain rules, no I/O.
 */
public record VoicemailResult(boolean left, Optional<String> recordingSid, Optional<Long> durationSeconds) {

    public static VoicemailResult of(Optional<String> recordingSid, Optional<String> recordingUrl,
                                     Optional<String> recordingDuration) {
        Optional<Long> duration = recordingDuration.flatMap(VoicemailResult::seconds);
        boolean hasRecording = recordingSid.isPresent() && recordingUrl.isPresent();
        // An unreadable duration on a real recording: believe the recording (a text saying "we missed you"
        // to someone who left a message is the worse mistake).
        boolean left = hasRecording && duration.map(d -> d >= 1).orElse(true);
        return new VoicemailResult(left, recordingSid, duration);
    }

    private static Optional<Long> seconds(String raw) {
        try {
            long value = Long.parseLong(raw.trim());
            return value >= 0 ? Optional.of(value) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
