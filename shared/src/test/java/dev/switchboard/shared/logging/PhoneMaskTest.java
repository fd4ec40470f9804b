package dev.switchboard.shared.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PhoneMaskTest {

    @Test
    void keepsCountryCodeAndLastFourDigits() {
        assertThat(PhoneMask.mask("+19045550177")).isEqualTo("+1******0177");
        assertThat(PhoneMask.mask("+447700900123")).isEqualTo("+44******0123");
        assertThat(PhoneMask.mask("9045550177")).isEqualTo("******0177");
        assertThat(PhoneMask.mask("12")).isEqualTo("**");
        assertThat(PhoneMask.mask(null)).isEqualTo("-");
        assertThat(PhoneMask.mask("+19045550177")).doesNotContain("5550");
    }
}
