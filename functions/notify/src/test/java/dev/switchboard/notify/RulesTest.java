package dev.switchboard.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The small rules: SMS segments, quiet hours, the API's credentials. */
class RulesTest {

    static final ZoneId NY = ZoneId.of("America/New_York");

    @Test
    void segments() {
        assertThat(SmsSegments.count("a".repeat(160))).isEqualTo(1);
        assertThat(SmsSegments.count("a".repeat(161))).isEqualTo(2);
        assertThat(SmsSegments.count("a".repeat(306))).isEqualTo(2);
        assertThat(SmsSegments.count("a".repeat(307))).isEqualTo(3);
        assertThat(SmsSegments.count("€".repeat(80))).isEqualTo(1);
        assertThat(SmsSegments.count("€".repeat(81))).isEqualTo(2);
        assertThat(SmsSegments.count("😀" + "a".repeat(68))).isEqualTo(1);
        assertThat(SmsSegments.count("😀" + "a".repeat(69))).isEqualTo(2);
        assertThat(SmsSegments.count("😀" + "a".repeat(133))).isEqualTo(3);
    }

    @Test
    void quietHoursSpanMidnightInTheLinesZone() {
        QuietHours quiet = QuietHours.DEFAULT;
        assertThat(quiet.quiet(Instant.parse("2026-12-10T01:59:00Z"), NY)).isFalse(); // 20:59
        assertThat(quiet.quiet(Instant.parse("2026-12-10T02:00:00Z"), NY)).isTrue();  // 21:00
        assertThat(quiet.nextAllowed(Instant.parse("2026-12-10T02:00:00Z"), NY)).isEqualTo("2026-12-10T13:00:00Z");
        assertThat(quiet.nextAllowed(Instant.parse("2026-12-10T11:00:00Z"), NY)).isEqualTo("2026-12-10T13:00:00Z");
        assertThat(quiet.nextAllowed(Instant.parse("2026-12-10T13:00:00Z"), NY)).isEqualTo("2026-12-10T13:00:00Z");
        // The night the clocks go back: 08:00 EST.
        assertThat(quiet.nextAllowed(Instant.parse("2026-11-01T04:00:00Z"), NY)).isEqualTo("2026-11-01T13:00:00Z");
        assertThat(QuietHours.NONE.nextAllowed(Instant.parse("2026-12-10T05:00:00Z"), NY)).isEqualTo("2026-12-10T05:00:00Z");
    }

    @Test
    void theFunctionsOwnCredentialsAreAcceptedTokenFirstThenSignature() {
        Optional<String> token = Optional.of("token-0123456789abcdef");
        Optional<String> secret = Optional.of("secret-0123456789abcdef");
        NotifyAuth auth = new NotifyAuth(token, secret);
        Instant now = Instant.ofEpochSecond(1_800_000_000L);
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);

        Map<String, String> bearer = NotifyAuth.ownCredentials(token, secret, body, now);
        assertThat(bearer).containsExactly(Map.entry("authorization", "Bearer token-0123456789abcdef"));
        assertThat(auth.check(Optional.of(bearer.get("authorization")), Optional.empty(), body, now))
                .isEqualTo(NotifyAuth.Verdict.OK);

        Map<String, String> signed = NotifyAuth.ownCredentials(Optional.empty(), secret, body, now);
        assertThat(signed).containsOnlyKeys(NotifyAuth.SIGNATURE_HEADER);
        assertThat(new NotifyAuth(Optional.empty(), secret).check(Optional.empty(),
                Optional.of(signed.get(NotifyAuth.SIGNATURE_HEADER)), body, now)).isEqualTo(NotifyAuth.Verdict.OK);

        assertThat(NotifyAuth.ownCredentials(Optional.empty(), Optional.empty(), body, now)).isEmpty();
    }

    @Test
    void bearerOrAFreshSignature() {
        NotifyAuth auth = new NotifyAuth(Optional.of("token-0123456789abcdef"), Optional.of("secret-0123456789abcdef"));
        Instant now = Instant.ofEpochSecond(1_800_000_000L);
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        assertThat(auth.check(Optional.of("Bearer token-0123456789abcdef"), Optional.empty(), body, now))
                .isEqualTo(NotifyAuth.Verdict.OK);
        assertThat(auth.check(Optional.of("Bearer token-0123456789abcdeX"), Optional.empty(), body, now))
                .isEqualTo(NotifyAuth.Verdict.WRONG_TOKEN);
        String fresh = NotifyAuth.signatureHeader("secret-0123456789abcdef", now.getEpochSecond() - 299, body);
        assertThat(auth.check(Optional.empty(), Optional.of(fresh), body, now)).isEqualTo(NotifyAuth.Verdict.OK);
        String stale = NotifyAuth.signatureHeader("secret-0123456789abcdef", now.getEpochSecond() - 301, body);
        assertThat(auth.check(Optional.empty(), Optional.of(stale), body, now)).isEqualTo(NotifyAuth.Verdict.STALE_SIGNATURE);
        String wrong = NotifyAuth.signatureHeader("secret-0123456789abcdeX", now.getEpochSecond(), body);
        assertThat(auth.check(Optional.empty(), Optional.of(wrong), body, now)).isEqualTo(NotifyAuth.Verdict.BAD_SIGNATURE);
        assertThat(auth.check(Optional.empty(), Optional.of(fresh), "{\"a\":2}".getBytes(StandardCharsets.UTF_8), now))
                .isEqualTo(NotifyAuth.Verdict.BAD_SIGNATURE);
        assertThat(auth.check(Optional.empty(), Optional.empty(), body, now)).isEqualTo(NotifyAuth.Verdict.NO_CREDENTIALS);
        assertThat(new NotifyAuth(Optional.empty(), Optional.empty()).check(Optional.of("Bearer x"), Optional.empty(),
                body, now)).isEqualTo(NotifyAuth.Verdict.NOT_CONFIGURED);
    }
}
