package dev.switchboard.shared.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.shared.config.ConfigException;
import java.time.Year;
import org.junit.jupiter.api.Test;

class PriceTableTest {

    final PriceTable table = PriceTable.defaults();
    final Year thisYear = Year.of(2026);

    @Test
    void theReferenceExampleCostsFifty() {
        Estimate estimate = table.estimate("oil change", 2018, "4-cylinder", thisYear);
        assertThat(estimate.amountText()).contains("50.00");
        assertThat(estimate.service()).isEqualTo("oil change");
        assertThat(estimate.known()).isTrue();
    }

    @Test
    void aliasesIgnoreCaseAndPunctuation() {
        for (String name : new String[] {"oil change", "oil-change", "Oil Change", " OIL  CHANGE! "}) {
            assertThat(table.find(name)).as(name).hasValueSatisfying(s -> assertThat(s.name()).isEqualTo("oil change"));
        }
        assertThat(table.find("brakes")).hasValueSatisfying(s -> assertThat(s.name()).isEqualTo("brake pads"));
    }

    @Test
    void adjustsForEngineAndAge() {
        assertThat(table.estimate("oil change", 2018, "V8 5.7L", thisYear).amountText()).contains("70.00");
        assertThat(table.estimate("oil change", 2018, "diesel", thisYear).amountText()).contains("90.00");
        assertThat(table.estimate("oil change", 2005, "4 cyl", thisYear).amountText()).contains("65.00");
        assertThat(table.estimate("oil change", 1995, null, thisYear).amountText()).contains("85.00");
        // Service-specific engine adjustment beats the general one.
        assertThat(table.estimate("starter", 2020, "V6", thisYear).amountText()).contains("320.00");
    }

    @Test
    void anUnknownServiceGetsNoAmountAndACallBack() {
        Estimate estimate = table.estimate("paint my truck", 2018, null, thisYear);
        assertThat(estimate.amount()).isEmpty();
        assertThat(estimate.known()).isFalse();
        assertThat(estimate.message()).contains("call");
    }

    @Test
    void aReplacementTableIsValidated() {
        PriceTable custom = PriceTable.parse("{\"services\": {\"oil change\": {\"base\": \"45.5\"}}}", "PRICE_TABLE");
        assertThat(custom.estimate("Oil Change", null, null, thisYear).amountText()).contains("45.50");
        assertThatThrownBy(() -> PriceTable.parse("{\"services\": {\"x\": {\"base\": \"free\"}}}", "PRICE_TABLE"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("PRICE_TABLE");
    }
}
