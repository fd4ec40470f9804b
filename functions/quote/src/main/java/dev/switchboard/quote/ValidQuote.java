package dev.switchboard.quote;

import java.util.Optional;

/**
 * A quote request that passed validation.
 *
 * @param phone the customer's number in E.164 ({@code +15551234567})
 * @param year  the vehicle's model year (1900..next year)
 */
public record ValidQuote(
        String name,
        String phone,
        Optional<String> email,
        String service,
        Optional<Integer> year,
        Optional<String> make,
        Optional<String> model,
        Optional<String> engine,
        Optional<String> notes,
        boolean textOptIn) {
}
