package dev.switchboard.callstatus;

import dev.switchboard.shared.http.FormParameters;
import dev.switchboard.shared.http.HttpProblem;
import dev.switchboard.shared.storage.CallRecords.StatusUpdate;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A call status callback, read and checked. Plain rules, no I/O: a malformed {@code SequenceNumber},
 * {@code Timestamp} or {@code CallDuration} is a 400 (nothing is written).
 */
public final class StatusCallback {

    /** The statuses after which a call never changes again. */
    public static final Set<String> FINAL = Set.of("completed", "busy", "failed", "no-answer", "canceled");
    /** Every status Twilio documents for a call. */
    public static final Set<String> KNOWN = Set.of("queued", "initiated", "ringing", "in-progress", "completed", "busy",
            "failed", "no-answer", "canceled");

    private StatusCallback() {
    }

    public static StatusUpdate parse(FormParameters params) {
        String callSid = params.required("CallSid");
        String status = params.required("CallStatus").toLowerCase(Locale.ROOT);
        Optional<Long> sequence = params.wholeNumber("SequenceNumber");
        Optional<Instant> timestamp = params.first("Timestamp").map(StatusCallback::timestamp);
        Optional<Long> duration = params.wholeNumber("CallDuration");
        return new StatusUpdate(callSid, status, FINAL.contains(status), sequence, timestamp, duration,
                params.first("From"), params.first("To"), params.first("Direction").map(d -> d.toLowerCase(Locale.ROOT)),
                params.first("ParentCallSid"));
    }

    /** Whether this is the caller's own leg of an inbound call (not an owner's leg, not an outbound call). */
    public static boolean isInboundParent(StatusUpdate update) {
        return update.parentCallSid().isEmpty() && update.direction().map("inbound"::equals).orElse(true);
    }

    /** Twilio's {@code Timestamp} is RFC 2822 ({@code Mon, 23 Nov 2026 15:04:05 +0000}). */
    private static Instant timestamp(String raw) {
        try {
            return ZonedDateTime.parse(raw.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw HttpProblem.badRequest("Timestamp is not an RFC 2822 date");
        }
    }
}
