package dev.switchboard.shared.phone;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PhoneNumbersTest {

    @Test
    void normalisesWhatPeopleTypeToE164() {
        assertThat(PhoneNumbers.possibleE164("(904) 555-0177", "US")).contains("+19045550177");
        assertThat(PhoneNumbers.possibleE164("904.555.0177", "US")).contains("+19045550177");
        assertThat(PhoneNumbers.possibleE164("+1 904 555 0177", "US")).contains("+19045550177");
        // The reference example: a possible (not necessarily valid) number passes.
        assertThat(PhoneNumbers.possibleE164("+15551234567", "US")).contains("+15551234567");
        assertThat(PhoneNumbers.possibleE164("555-12", "US")).isEmpty();
        assertThat(PhoneNumbers.possibleE164("call me", "US")).isEmpty();
    }

    @Test
    void validNumbersAreStricter() {
        assertThat(PhoneNumbers.isValidE164("+19040550177")).isFalse(); // exchange codes never start with 0
        assertThat(PhoneNumbers.isValidE164("+19048349227")).isTrue();
        assertThat(PhoneNumbers.isValidE164("anonymous")).isFalse();
        assertThat(PhoneNumbers.isValidE164("+266696687")).isFalse();
    }
}
