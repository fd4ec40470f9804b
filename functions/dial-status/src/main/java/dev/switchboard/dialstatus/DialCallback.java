package dev.switchboard.dialstatus;

import dev.switchboard.shared.http.FormParameters;
import java.util.Optional;

/**
 * The {@code <Dial action>} callback: how the dial to the owner ended, read from the webhook's parameters.
 *
 * @param caller           {@code From}, empty string when withheld
 * @param called           {@code To}: the business number the caller dialled
 * @param parentCallStatus the caller's own {@code CallStatus} (final when they already hung up)
 */
public record DialCallback(String callSid, String caller, Optional<String> called, Optional<String> dialCallStatus,
                           Optional<String> parentCallStatus, Optional<String> dialCallSid,
                           Optional<Long> dialCallDurationSeconds) {

    public static DialCallback parse(FormParameters params) {
        return new DialCallback(params.required("CallSid"), params.first("From").orElse(""), params.first("To"),
                params.first("DialCallStatus"), params.first("CallStatus"), params.first("DialCallSid"),
                params.first("DialCallDuration").flatMap(DialCallback::seconds));
    }

    private static Optional<Long> seconds(String raw) {
        try {
            return Optional.of(Long.parseLong(raw.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
