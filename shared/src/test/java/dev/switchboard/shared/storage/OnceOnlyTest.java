package dev.switchboard.shared.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.shared.storage.OnceOnly.Outcome;
import dev.switchboard.shared.storage.OnceOnly.WhenUnavailable;
import dev.switchboard.shared.testing.Emulators;
import dev.switchboard.shared.testing.InMemoryOnceMarkers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The once-only guard: its policies with the markers in memory, and the markers themselves in DynamoDB Local.
 */
class OnceOnlyTest {

    static final Duration TTL = Duration.ofDays(1);
    static final RuntimeException OUTAGE = new IllegalStateException("table unreachable");

    final Clock clock = Clock.fixed(Instant.parse("2026-11-22T20:00:00Z"), ZoneOffset.UTC);
    final InMemoryOnceMarkers markers = new InMemoryOnceMarkers(clock);
    final OnceOnly once = new OnceOnly(markers);
    final List<String> done = new ArrayList<>();

    @Test
    void theActionRunsForTheFirstCallerOnly() {
        assertThat(once.once("scope", "k", TTL, WhenUnavailable.SKIP, () -> done.add("first"))).isEqualTo(Outcome.DONE);
        assertThat(once.once("scope", "k", TTL, WhenUnavailable.SKIP, () -> done.add("again")))
                .isEqualTo(Outcome.ALREADY_DONE);
        assertThat(once.once("other-scope", "k", TTL, WhenUnavailable.SKIP, () -> done.add("other")))
                .isEqualTo(Outcome.DONE);
        assertThat(done).containsExactly("first", "other");
    }

    @Test
    void aFailedActionGivesTheKeyBackSoARedeliveryActs() {
        assertThatThrownBy(() -> once.once("scope", "k", TTL, WhenUnavailable.SKIP, () -> {
            throw new IllegalStateException("queue unreachable");
        })).hasMessage("queue unreachable");
        assertThat(markers.holds("scope", "k")).isFalse();
        assertThat(once.once("scope", "k", TTL, WhenUnavailable.SKIP, () -> done.add("retried")))
                .isEqualTo(Outcome.DONE);
        assertThat(done).containsExactly("retried");
    }

    @Test
    void whenTheGuardIsUnavailableTheCallerChoosesWhatHappens() {
        markers.failWith(OUTAGE);
        assertThat(once.once("scope", "k", TTL, WhenUnavailable.ACT_UNGUARDED, () -> done.add("unguarded")))
                .isEqualTo(Outcome.DONE_UNGUARDED);
        assertThat(once.once("scope", "k", TTL, WhenUnavailable.SKIP, () -> done.add("skipped")))
                .isEqualTo(Outcome.SKIPPED);
        assertThatThrownBy(() -> once.once("scope", "k", TTL, WhenUnavailable.THROW, () -> done.add("thrown")))
                .isSameAs(OUTAGE);
        assertThat(done).containsExactly("unguarded");
    }

    @Test
    void aReleaseThatFailsLeavesTheActionsFailureToTheCaller() {
        RuntimeException failure = new IllegalStateException("queue unreachable");
        assertThatThrownBy(() -> once.once("scope", "k", TTL, WhenUnavailable.THROW, () -> {
            markers.failWith(OUTAGE);
            throw failure;
        })).isSameAs(failure);
    }

    @Test
    void aLeaseIsHeldWhileTheWorkRunsAndGivenBackAfterItWhateverHappens() {
        assertThat(once.whileHeld("lease", "RE1", TTL, () -> {
            assertThat(markers.holds("lease", "RE1")).isTrue();
            assertThat(once.whileHeld("lease", "RE1", TTL, () -> done.add("second"))).isFalse();
            done.add("first");
        })).isTrue();
        assertThat(markers.holds("lease", "RE1")).isFalse();
        assertThatThrownBy(() -> once.whileHeld("lease", "RE1", TTL, () -> {
            throw new IllegalStateException("engine down");
        })).hasMessage("engine down");
        assertThat(markers.holds("lease", "RE1")).isFalse();
        assertThat(done).containsExactly("first");
    }

    @Test
    void inTheTableAMarkerBlocksUntilReleasedOrExpiredAndKeepsWhatTheFirstCallerLeft() {
        Table table = Emulators.shared().table();
        String key = UUID.randomUUID().toString();
        OnceOnly now = new OnceOnly(table, clock);
        assertThat(now.claim("quote-submission", key, TTL, Map.of("leadId", "Q-1"))).isEmpty();
        assertThat(now.claim("quote-submission", key, TTL, Map.of("leadId", "Q-2")))
                .hasValueSatisfying(marker -> assertThat(marker).containsEntry("leadId", "Q-1"));
        assertThat(now.first("quote-submission", key, TTL)).isFalse();
        assertThat(table.get("ONCE#quote-submission#" + key, "ONCE").orElseThrow())
                .containsEntry("scope", Item.s("quote-submission"))
                .containsEntry(Table.TTL, Item.n(clock.instant().plus(TTL).getEpochSecond()));

        OnceOnly dayAfter = new OnceOnly(table, Clock.offset(clock, Duration.ofDays(1).plusSeconds(1)));
        assertThat(dayAfter.first("quote-submission", key, TTL)).as("an expired marker no longer blocks").isTrue();
        dayAfter.release("quote-submission", key);
        assertThat(now.first("quote-submission", key, TTL)).isTrue();
    }
}
