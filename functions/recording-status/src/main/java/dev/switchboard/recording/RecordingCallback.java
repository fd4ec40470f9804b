package dev.switchboard.recording;

import dev.switchboard.shared.http.FormParameters;
import dev.switchboard.shared.http.HttpProblem;
import dev.switchboard.shared.http.HttpUrls;
import java.util.Locale;
import java.util.Optional;

/**
 * A {@code recordingStatusCallback}, read and checked. Plain rules, no I/O. A completed recording must
 * carry a {@code RecordingUrl} (absolute http(s)) and, when present, a whole-number
 * {@code RecordingDuration}; otherwise it is a 400 and nothing is written or queued.
 *
 * @param status   {@code completed}, {@code absent}, {@code failed} (or {@code in-progress}, which is ignored)
 * @param kind     {@code voicemail} for the voicemail {@code <Record>}, {@code call} for the forwarded conversation
 */
public record RecordingCallback(String callSid, String recordingSid, String status, String kind,
                                Optional<String> recordingUrl, Optional<Long> durationSeconds, Optional<Long> channels,
                                Optional<String> source, Optional<String> accountSid,
                                Optional<String> recordingStartTime, Optional<String> errorCode) {

    public static final String COMPLETED = "completed";
    public static final String ABSENT = "absent";
    public static final String FAILED = "failed";

    public static RecordingCallback parse(FormParameters params) {
        String callSid = params.required("CallSid");
        String recordingSid = params.required("RecordingSid");
        if (!recordingSid.matches("[A-Za-z0-9-]{2,64}")) {
            throw HttpProblem.badRequest("RecordingSid is malformed");
        }
        String status = params.required("RecordingStatus").toLowerCase(Locale.ROOT);
        Optional<String> url = params.first("RecordingUrl");
        Optional<Long> duration = params.wholeNumber("RecordingDuration");
        Optional<Long> channels = params.wholeNumber("RecordingChannels");
        if (status.equals(COMPLETED)) {
            if (url.isEmpty()) {
                throw HttpProblem.badRequest("Missing RecordingUrl");
            }
            if (!HttpUrls.isAbsolute(url.get())) {
                throw HttpProblem.badRequest("RecordingUrl is not an absolute http(s) URL");
            }
        }
        Optional<String> source = params.first("RecordingSource");
        String kind = source.map(s -> s.equalsIgnoreCase("RecordVerb")).orElse(false) ? "voicemail" : "call";
        return new RecordingCallback(callSid, recordingSid, status, kind, url, duration, channels, source,
                params.first("AccountSid"), params.first("RecordingStartTime"), params.first("ErrorCode"));
    }
}
