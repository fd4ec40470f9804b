package dev.switchboard.quote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.shared.pricing.PriceTable;
import java.time.Year;
import org.junit.jupiter.api.Test;

class EstimateTextTest {

    final PriceTable prices = PriceTable.defaults();

    @Test
    void thePricedTextNamesTheBusinessTheServiceAndTheAmountAndEndsWithStop() {
        String body = EstimateText.defaults(() -> prices).body("Mechanic St. Augustine",
                prices.estimate("oil change", 2018, "4-cylinder", Year.of(2026)));
        assertThat(body).isEqualTo("Mechanic St. Augustine: thanks for your quote request! Estimate for Oil change:"
                + " $50.00. We'll contact you to schedule. Reply STOP to opt out.");
    }

    @Test
    void anUnpricedServiceIsNotEchoedBack() {
        String body = EstimateText.defaults(() -> prices).body("Shop",
                prices.estimate("visit http://spam.example now", null, null, Year.of(2026)));
        assertThat(body).doesNotContain("spam").contains("We'll call you soon with a price").endsWith("Reply STOP to opt out.");
    }

    @Test
    void aCustomTemplateWithoutStopGetsTheOptOutLine() {
        EstimateText words = new EstimateText("{business}: {service} ${amount}", "{business}: we'll call", () -> prices);
        assertThat(words.body("Shop", prices.estimate("battery", null, null, Year.of(2026))))
                .isEqualTo("Shop: Battery replacement $120.00 Reply STOP to opt out.");
    }
}
