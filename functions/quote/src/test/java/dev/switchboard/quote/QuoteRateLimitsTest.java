package dev.switchboard.quote;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QuoteRateLimitsTest {

    /** Counters as the table keeps them, in memory. */
    static final class MemoryCounters implements RateCounters {
        final Map<String, Integer> counts = new HashMap<>();
        final Map<String, Instant> expiries = new HashMap<>();

        @Override
        public boolean incrementBelow(String pk, String sk, int limit, Instant expiresAt) {
            String key = pk + "|" + sk;
            int count = counts.getOrDefault(key, 0);
            if (count >= limit) {
                return false;
            }
            counts.put(key, count + 1);
            expiries.put(key, expiresAt);
            return true;
        }
    }

    final MemoryCounters counters = new MemoryCounters();
    Instant now = Instant.parse("2026-11-22T20:15:30Z");
    final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void fivePerPhonePerHourThenRetryAfterTheWindowEnds() {
        QuoteRateLimits limits = new QuoteRateLimits(30, 5, counters, clock);
        for (int i = 0; i < 5; i++) {
            assertThat(limits.acquire(Optional.of("203.0.113." + i), "+15551234567")).as("request " + i).isEmpty();
        }
        assertThat(limits.acquire(Optional.of("203.0.113.99"), "+15551234567")).contains(Duration.ofSeconds(44 * 60 + 30));
        assertThat(limits.acquire(Optional.of("203.0.113.99"), "+15557654321")).isEmpty();
        now = Instant.parse("2026-11-22T21:00:00Z");
        assertThat(limits.acquire(Optional.of("203.0.113.99"), "+15551234567")).isEmpty();
    }

    @Test
    void thirtyPerAddressPerHour() {
        QuoteRateLimits limits = new QuoteRateLimits(30, 5, counters, clock);
        for (int i = 0; i < 30; i++) {
            assertThat(limits.acquire(Optional.of("198.51.100.7"), "+1555123" + String.format("%04d", i))).isEmpty();
        }
        assertThat(limits.acquire(Optional.of("198.51.100.7"), "+15559990000")).isPresent();
        // The refused request did not use up the victim's phone allowance.
        assertThat(counters.counts).doesNotContainKey("RATE#phone#+15559990000|2026-11-22T20:00:00Z");
    }

    @Test
    void countersAreKeyedByScopeAndWindowAndExpireAnHourAfterIt() {
        new QuoteRateLimits(30, 5, counters, clock).acquire(Optional.of("198.51.100.7"), "+15551234567");
        assertThat(counters.counts).containsOnlyKeys("RATE#ip#198.51.100.7|2026-11-22T20:00:00Z",
                "RATE#phone#+15551234567|2026-11-22T20:00:00Z");
        assertThat(counters.expiries.values()).containsOnly(Instant.parse("2026-11-22T22:00:00Z"));
    }

    @Test
    void ipv6AddressesCountByTheirSlash64() {
        assertThat(QuoteRateLimits.addressKey("2001:db8:abcd:12:1::7")).isEqualTo("2001:db8:abcd:12::/64");
        assertThat(QuoteRateLimits.addressKey("2001:db8:abcd:12:ffff::1")).isEqualTo("2001:db8:abcd:12::/64");
        assertThat(QuoteRateLimits.addressKey("198.51.100.7")).isEqualTo("198.51.100.7");
    }

    @Test
    void zeroTurnsALimitOffAndAMissingAddressSkipsThatLimit() {
        QuoteRateLimits limits = new QuoteRateLimits(0, 1, counters, clock);
        assertThat(limits.acquire(Optional.empty(), "+15551234567")).isEmpty();
        assertThat(limits.acquire(Optional.of("198.51.100.7"), "+15551234567")).isPresent();
        assertThat(counters.counts.keySet()).noneMatch(k -> k.startsWith("RATE#ip#"));
    }

    @Test
    void unreachableCountersLetTheRequestThrough() {
        RateCounters down = (pk, sk, limit, expiresAt) -> {
            throw new IllegalStateException("table unreachable");
        };
        assertThat(new QuoteRateLimits(30, 5, down, clock).acquire(Optional.of("198.51.100.7"), "+15551234567")).isEmpty();
    }
}
