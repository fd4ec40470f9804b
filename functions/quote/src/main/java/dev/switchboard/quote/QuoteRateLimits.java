package dev.switchboard.quote;

import dev.switchboard.shared.logging.PhoneMask;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The quote form's rate limits: per client address ({@code QUOTE_RATE_LIMIT_PER_IP_PER_HOUR}, default
 * 30) and per phone number ({@code QUOTE_RATE_LIMIT_PER_PHONE_PER_HOUR}, default 5). The address is
 * checked first, so a flood from one address does not use up a victim's phone allowance. When the
 * counters cannot be reached the request is let through (logged): the form must keep taking leads.
 */
public final class QuoteRateLimits implements RateLimiter {

    private static final Logger LOG = LoggerFactory.getLogger(QuoteRateLimits.class);
    public static final int DEFAULT_PER_PHONE_PER_HOUR = 5;
    public static final int DEFAULT_PER_IP_PER_HOUR = 30;

    private final RateLimitRule perIp;
    private final RateLimitRule perPhone;
    private final RateCounters counters;
    private final Clock clock;

    public QuoteRateLimits(int perIpPerHour, int perPhonePerHour, RateCounters counters, Clock clock) {
        this.perIp = new RateLimitRule("ip", perIpPerHour, Duration.ofHours(1));
        this.perPhone = new RateLimitRule("phone", perPhonePerHour, Duration.ofHours(1));
        this.counters = counters;
        this.clock = clock;
    }

    @Override
    public Optional<Duration> acquire(Optional<String> clientIp, String phone) {
        Instant now = clock.instant();
        if (clientIp.isPresent() && !clientIp.get().isBlank()) {
            Optional<Duration> wait = consume(perIp, addressKey(clientIp.get()), now);
            if (wait.isPresent()) {
                LOG.warn("Quote refused (429): address {} sent more than {} quotes this hour", clientIp.get(),
                        perIp.limit());
                return wait;
            }
        }
        Optional<Duration> wait = consume(perPhone, phone, now);
        if (wait.isPresent()) {
            LOG.warn("Quote refused (429): {} was quoted more than {} times this hour (from address {})",
                    PhoneMask.mask(phone), perPhone.limit(), clientIp.orElse("unknown"));
        }
        return wait;
    }

    /**
     * The key an address is counted under: an IPv4 address as it is; an IPv6 address by its /64 network,
     * because one subscriber usually holds a whole /64 and could otherwise rotate through it.
     */
    static String addressKey(String ip) {
        String address = ip.trim();
        if (address.indexOf(':') < 0) {
            return address;
        }
        try {
            byte[] bytes = java.net.InetAddress.getByName(address).getAddress();
            if (bytes.length != 16) {
                return address;
            }
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
            }
            return prefix.append(":/64").toString();
        } catch (java.net.UnknownHostException e) {
            return address;
        }
    }

    private Optional<Duration> consume(RateLimitRule rule, String key, Instant now) {
        if (!rule.enabled()) {
            return Optional.empty();
        }
        try {
            // Kept an hour past the window, then DynamoDB's TTL removes it.
            boolean counted = counters.incrementBelow(rule.counterKey(key), rule.windowKey(now), rule.limit(),
                    rule.windowEnd(now).plus(rule.window()));
            return counted ? Optional.empty() : Optional.of(rule.retryAfter(now));
        } catch (RuntimeException e) {
            LOG.error("Quote rate limit ({}) could not be checked, letting the request through: {}", rule.scope(),
                    e.getMessage());
            return Optional.empty();
        }
    }
}
