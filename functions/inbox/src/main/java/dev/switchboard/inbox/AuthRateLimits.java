package dev.switchboard.inbox;

import dev.switchboard.shared.logging.PhoneMask;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rate limits on sign-in, per phone number and per client address, in fixed hourly windows counted by
 * {@code CappedCounters} ({@code RATE#<scope>#<key>}): asking for codes ({@code signin-code-phone},
 * {@code signin-code-ip}) and trying them ({@code signin-try-phone}, {@code signin-try-ip}). The address is
 * counted first, so a flood from one address does not use up a staff member's own allowance. Unlike the quote
 * form's, these fail closed: when the counters cannot be reached, sign-in waits (a 429) rather than letting
 * guesses through.
 */
public final class AuthRateLimits {

    /** Adds one to a counter if it is below the limit ({@code CappedCounters::incrementBelow}). */
    @FunctionalInterface
    public interface Counters {
        boolean incrementBelow(String pk, String sk, long limit, Instant expiresAt);
    }

    /** Limits per hour. */
    public record Limits(int codesPerPhone, int codesPerIp, int triesPerPhone, int triesPerIp) {
        public static final Limits DEFAULT = new Limits(5, 20, 10, 30);
    }

    private static final Logger LOG = LoggerFactory.getLogger(AuthRateLimits.class);
    private static final Duration WINDOW = Duration.ofHours(1);

    private final Limits limits;
    private final Counters counters;
    private final Clock clock;

    public AuthRateLimits(Limits limits, Counters counters, Clock clock) {
        this.limits = limits;
        this.counters = counters;
        this.clock = clock;
    }

    /** Counts a code request; empty when allowed, else how long to wait. */
    public Optional<Duration> codeRequest(Optional<String> ip, String phone) {
        return acquire("signin-code", limits.codesPerIp(), limits.codesPerPhone(), ip, phone);
    }

    /** Counts a sign-in try; empty when allowed, else how long to wait. */
    public Optional<Duration> signInTry(Optional<String> ip, String phone) {
        return acquire("signin-try", limits.triesPerIp(), limits.triesPerPhone(), ip, phone);
    }

    private Optional<Duration> acquire(String scope, int perIp, int perPhone, Optional<String> ip, String phone) {
        Instant now = clock.instant();
        long start = Math.floorDiv(now.getEpochSecond(), WINDOW.getSeconds()) * WINDOW.getSeconds();
        Instant windowStart = Instant.ofEpochSecond(start);
        Instant windowEnd = windowStart.plus(WINDOW);
        Duration wait = Duration.ofSeconds(Math.max(1, windowEnd.getEpochSecond() - now.getEpochSecond()));
        try {
            if (ip.isPresent() && !ip.get().isBlank() && perIp > 0
                    && !counters.incrementBelow("RATE#" + scope + "-ip#" + ip.get().trim(), windowStart.toString(), perIp,
                    windowEnd.plus(WINDOW))) {
                LOG.warn("Sign-in ({}) refused (429): address {} is over {} an hour", scope, ip.get(), perIp);
                return Optional.of(wait);
            }
            if (perPhone > 0 && !counters.incrementBelow("RATE#" + scope + "-phone#" + phone, windowStart.toString(),
                    perPhone, windowEnd.plus(WINDOW))) {
                LOG.warn("Sign-in ({}) refused (429): {} is over {} an hour", scope, PhoneMask.mask(phone), perPhone);
                return Optional.of(wait);
            }
            return Optional.empty();
        } catch (RuntimeException e) {
            LOG.error("Sign-in ({}) rate limit could not be checked; asking the client to wait: {}", scope, e.getMessage());
            return Optional.of(Duration.ofSeconds(30));
        }
    }
}
