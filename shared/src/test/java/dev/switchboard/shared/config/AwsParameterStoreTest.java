package dev.switchboard.shared.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.lambda.powertools.parameters.BaseProvider;
import software.amazon.lambda.powertools.parameters.cache.CacheManager;
import software.amazon.lambda.powertools.parameters.transform.TransformationManager;

/**
 * The max age of values read through Powertools Parameters, with a fake provider in place of SSM and a clock
 * that is moved by hand: no sleeps. (Powertools stamps an entry's expiry with the system clock when it caches
 * it and checks it against the provider's {@code now()}, so the fake's clock runs ahead of the system clock by
 * the time the test advances.)
 */
class AwsParameterStoreTest {

    static final class NotFound extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    /** Time that moves only when a test says so, on top of the system clock's. */
    static final class Ahead extends Clock {
        volatile Duration ahead = Duration.ZERO;

        void advance(Duration by) {
            ahead = ahead.plus(by);
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(ahead);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    /** SSM as a map: counts the reads that reach it. */
    static final class FakeSsm extends BaseProvider {
        final Map<String, String> values;
        final AtomicInteger reads;
        final Clock clock;

        FakeSsm(CacheManager cache, Map<String, String> values, AtomicInteger reads, Clock clock) {
            super(cache, new TransformationManager());
            this.values = values;
            this.reads = reads;
            this.clock = clock;
        }

        @Override
        protected String getValue(String key) {
            reads.incrementAndGet();
            String value = values.get(key);
            if (value == null) {
                throw new NotFound();
            }
            return value;
        }

        @Override
        protected Map<String, String> getMultipleValues(String path) {
            throw new UnsupportedOperationException();
        }

        @Override
        protected Instant now() {
            return clock.instant();
        }
    }

    final Map<String, String> ssm = new ConcurrentHashMap<>(Map.of("/sb/token", "one"));
    final AtomicInteger reads = new AtomicInteger();
    final Ahead clock = new Ahead();
    final AwsParameterStore store = new AwsParameterStore(
            () -> new CachedProvider(cache -> new FakeSsm(cache, ssm, reads, clock), p -> p, e -> e instanceof NotFound),
            () -> {
                throw new AssertionError("no secrets here");
            }, clock);

    @Test
    void aValueIsServedFromTheCacheUntilItIsOlderThanTheDefaultFiveMinutes() {
        assertThat(store.parameter("/sb/token")).contains("one");
        ssm.put("/sb/token", "two");
        clock.advance(Duration.ofSeconds(290));
        assertThat(store.parameter("/sb/token")).contains("one");
        assertThat(reads).hasValue(1);
        clock.advance(Duration.ofSeconds(20));
        assertThat(store.parameter("/sb/token")).contains("two");
        assertThat(reads).hasValue(2);
    }

    @Test
    void theMaxAgeComesFromParameterMaxAgeSeconds() {
        new Settings(Env.of(Map.of("PARAMETER_MAX_AGE_SECONDS", "60")), store);
        assertThat(store.parameter("/sb/token")).contains("one");
        ssm.put("/sb/token", "two");
        clock.advance(Duration.ofSeconds(50));
        assertThat(store.parameter("/sb/token")).contains("one");
        clock.advance(Duration.ofSeconds(20));
        assertThat(store.parameter("/sb/token")).contains("two");
    }

    @Test
    void parameterMaxAgeSecondsIsBounded() {
        assertThat(Settings.parameterMaxAge(Env.of(Map.of()))).isEqualTo(Duration.ofSeconds(300));
        assertThatThrownBy(() -> new Settings(Env.of(Map.of("PARAMETER_MAX_AGE_SECONDS", "0")), store))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("PARAMETER_MAX_AGE_SECONDS must be between 5 and 3600");
        assertThatThrownBy(() -> new Settings(Env.of(Map.of("PARAMETER_MAX_AGE_SECONDS", "86400")), store))
                .isInstanceOf(ConfigException.class);
    }

    @Test
    void aMissingParameterIsRememberedAsAbsentForTheMaxAge() {
        assertThat(store.parameter("/sb/secondary")).isEmpty();
        assertThat(store.parameter("/sb/secondary")).isEmpty();
        assertThat(reads).hasValue(1);
        ssm.put("/sb/secondary", "created");
        clock.advance(Duration.ofSeconds(301));
        assertThat(store.parameter("/sb/secondary")).contains("created");
        assertThat(reads).hasValue(2);
    }

    @Test
    void aSnapStartRestoreDropsEveryCacheHoweverYoungTheSnapshotsClockSaysItIs() throws Exception {
        assertThat(store.parameter("/sb/token")).contains("one");
        assertThat(store.parameter("/sb/absent")).isEmpty();
        ssm.put("/sb/token", "rotated");
        ssm.put("/sb/absent", "now there");
        // Lambda calls afterRestore on the registered CRaC resource; no time has passed on the snapshot's clock.
        RestoreHooks.resource().afterRestore(null);
        assertThat(store.parameter("/sb/token")).contains("rotated");
        assertThat(store.parameter("/sb/absent")).contains("now there");
        assertThat(reads).hasValue(4);
    }

    @Test
    void liveSettingsSeeTheRestoredValueAtOnce() {
        Settings settings = new Settings(Env.of(Map.of("TWILIO_AUTH_TOKEN_PARAMETER", "/sb/token")), store);
        LiveSetting<String> token = settings.live("TWILIO_AUTH_TOKEN", raw -> raw);
        ssm.put("/sb/token", "rotated");
        assertThat(token.get()).isEqualTo("one");
        RestoreHooks.runAfterRestore();
        assertThat(token.get()).isEqualTo("rotated");
    }

    @Test
    void aFailingHookDoesNotStopTheOthers() {
        AtomicInteger ran = new AtomicInteger();
        RestoreHooks.AfterRestore failing = () -> {
            throw new IllegalStateException("boom");
        };
        RestoreHooks.AfterRestore counting = ran::incrementAndGet;
        RestoreHooks.register(failing);
        RestoreHooks.register(counting);
        RestoreHooks.runAfterRestore();
        assertThat(ran).hasValue(1);
        // Hooks are held weakly: keep both reachable until they have run.
        java.lang.ref.Reference.reachabilityFence(failing);
        java.lang.ref.Reference.reachabilityFence(counting);
    }
}
