package dev.switchboard.transcription;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a recording's transcript lives in S3: {@code transcripts/yyyy/MM/dd/{CallSid}/{RecordingSid}.json}
 * and {@code .txt}, dated like the recording's own key ({@code recordings/yyyy/MM/dd/...}) so the two sit
 * side by side; when the recording key has no date, the given instant (UTC) dates it.
 */
public record TranscriptKeys(String json, String text) {

    private static final Pattern DATED = Pattern.compile("^recordings/(\\d{4})/(\\d{2})/(\\d{2})/");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

    public static TranscriptKeys of(String callSid, String recordingSid, String recordingKey, Instant fallbackDate) {
        String day;
        Matcher m = recordingKey == null ? null : DATED.matcher(recordingKey);
        if (m != null && m.find()) {
            day = m.group(1) + "/" + m.group(2) + "/" + m.group(3);
        } else {
            day = DAY.format(fallbackDate);
        }
        String base = "transcripts/" + day + "/" + callSid + "/" + recordingSid;
        return new TranscriptKeys(base + ".json", base + ".txt");
    }
}
