package dev.switchboard.shared.phone;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class WithheldCallersTest {

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"anonymous", "Anonymous", "Restricted", "Unknown", "+266696687", "+7378742833", "+2562533",
            "+86282452253", "", "  ", "client:alice"})
    void theseAreNoNumber(String from) {
        assertThat(WithheldCallers.isWithheld(from)).isTrue();
        assertThat(PhoneNumbers.isValidE164(from)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"+19045550123", "+447911123456"})
    void realNumbersAreNotWithheld(String from) {
        assertThat(WithheldCallers.isWithheld(from)).isFalse();
    }
}
