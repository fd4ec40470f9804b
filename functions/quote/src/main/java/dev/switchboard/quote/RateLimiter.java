package dev.switchboard.quote;

import java.time.Duration;
import java.util.Optional;

/** Limits how many quotes one client address and one phone number may send ({@link QuoteRateLimits}). */
public interface RateLimiter {

    /**
     * Counts one quote request.
     *
     * @param clientIp the caller's address, when known
     * @param phone    the customer's number, E.164
     * @return empty when allowed; otherwise how long until the client may try again
     */
    Optional<Duration> acquire(Optional<String> clientIp, String phone);
}
