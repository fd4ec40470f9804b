package dev.switchboard.quote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.shared.pricing.PriceTable;
import java.time.Instant;
import java.time.Year;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LeadTest {

    static ValidQuote quote(String name, Optional<String> notes) {
        return new ValidQuote(name, "+15551234567", Optional.empty(), "oil change", Optional.of(2018),
                Optional.of("Toyota"), Optional.of("Camry"), Optional.of("4-cylinder"), notes, true);
    }

    static Lead lead(ValidQuote quote) {
        return new Lead(Lead.newId(), Instant.parse("2026-11-22T20:00:00Z"), quote,
                PriceTable.defaults().estimate("oil change", 2018, "4-cylinder", Year.of(2026)));
    }

    @Test
    void idsAreRandomAndShaped() {
        assertThat(Lead.newId()).matches("Q-[0-9a-f]{20}").isNotEqualTo(Lead.newId());
    }

    @Test
    void theSameSubmissionHasTheSameFingerprintWhateverItsId() {
        assertThat(lead(quote("John Doe", Optional.empty())).fingerprint())
                .isEqualTo(lead(quote("John Doe", Optional.empty())).fingerprint())
                .isEqualTo(lead(quote("JOHN DOE", Optional.empty())).fingerprint());
        assertThat(lead(quote("John Doe", Optional.empty())).fingerprint())
                .isNotEqualTo(lead(quote("John Doe", Optional.of("gate code 4411"))).fingerprint());
    }
}
