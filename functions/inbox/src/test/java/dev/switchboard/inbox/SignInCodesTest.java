package dev.switchboard.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.shared.testing.Emulators;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Sign-in codes in DynamoDB Local: single use, ten minutes, five tries, and never stored as typed. */
class SignInCodesTest {

    final SignInCodes codes = new SignInCodes(Emulators.shared().table());
    final Instant now = Instant.parse("2026-12-02T14:00:00Z");

    static String phone() {
        return "+1904555" + Math.abs(UUID.randomUUID().hashCode() % 10000);
    }

    static String wrong(String code) {
        return code.equals("000000") ? "000001" : "000000";
    }

    @Test
    void theRightCodeWorksOnce() {
        String phone = phone();
        String code = codes.issue(phone, now);
        assertThat(code).matches("[0-9]{6}");
        assertThat(Emulators.shared().table().get(SignInCodes.pk(phone), SignInCodes.SK).orElseThrow().toString())
                .doesNotContain(code);
        assertThat(codes.redeem(phone, code, now.plusSeconds(30))).isTrue();
        assertThat(codes.redeem(phone, code, now.plusSeconds(31))).isFalse();
    }

    @Test
    void aCodeExpiresAfterTenMinutes() {
        String phone = phone();
        String code = codes.issue(phone, now);
        assertThat(codes.redeem(phone, code, now.plus(Duration.ofMinutes(10)))).isFalse();
    }

    @Test
    void fiveWrongTriesBurnTheCode() {
        String phone = phone();
        String code = codes.issue(phone, now);
        for (int i = 0; i < SignInCodes.MAX_TRIES; i++) {
            assertThat(codes.redeem(phone, wrong(code), now)).isFalse();
        }
        assertThat(codes.redeem(phone, code, now)).isFalse();
    }

    @Test
    void theFifthTryMayStillBeTheRightOne() {
        String phone = phone();
        String code = codes.issue(phone, now);
        for (int i = 0; i < SignInCodes.MAX_TRIES - 1; i++) {
            assertThat(codes.redeem(phone, wrong(code), now)).isFalse();
        }
        assertThat(codes.redeem(phone, code, now)).isTrue();
    }

    @Test
    void aNewCodeReplacesTheLast() {
        String phone = phone();
        String first = codes.issue(phone, now);
        String second = codes.issue(phone, now);
        if (!first.equals(second)) {
            assertThat(codes.redeem(phone, first, now)).isFalse();
        }
        assertThat(codes.redeem(phone, second, now)).isTrue();
    }
}
