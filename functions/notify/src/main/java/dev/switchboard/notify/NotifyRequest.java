package dev.switchboard.notify;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;

/**
 * A checked {@code POST /api/notify} body.
 *
 * @param to             the customer, E.164
 * @param vars           the template's values, already formatted for a text ({@code total} as "$49.99")
 * @param line           the business line to text from (E.164); empty for the default line
 * @param idempotencyKey the caller's key: the same key again gets the same answer and no second text
 * @param urgent         a {@code custom} text that may go during quiet hours
 */
public record NotifyRequest(String to, Template template, Map<String, String> vars, Optional<Appointment> appointment,
                            Optional<String> line, String idempotencyKey, boolean urgent) {

    /** The {@code appointment} object: {@code at} and {@code address} may be left out for a cancellation. */
    public record Appointment(String id, Optional<OffsetDateTime> at, Optional<String> address) {
    }
}
