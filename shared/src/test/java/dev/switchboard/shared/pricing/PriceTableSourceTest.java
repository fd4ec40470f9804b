package dev.switchboard.shared.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.shared.config.ConfigException;
import dev.switchboard.shared.config.Settings;
import java.time.Year;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PriceTableSourceTest {

    static final String SMALL_TABLE = "{\"services\": {\"oil change\": {\"base\": \"65.00\", \"aliases\": [\"oil\"]}}}";

    @Test
    void theDefaultTableGivesTheReferenceExample() {
        PriceTable table = PriceTableSource.load(Settings.of(Map.of()), () -> {
            throw new AssertionError("S3 must not be touched");
        });
        assertThat(table.estimate("oil change", 2018, "4-cylinder", Year.of(2026)).amountText()).contains("50.00");
    }

    @Test
    void aTableInTheSettingReplacesTheDefault() {
        PriceTable table = PriceTableSource.load(Settings.of(Map.of("PRICE_TABLE", SMALL_TABLE)), () -> {
            throw new AssertionError("S3 must not be touched");
        });
        assertThat(table.estimate("Oil", 2018, null, Year.of(2026)).amountText()).contains("65.00");
        assertThat(table.find("brakes")).isEmpty();
    }

    @Test
    void brokenOrConflictingSettingsFailTheColdStartWithOneLine() {
        assertThatThrownBy(() -> PriceTableSource.load(Settings.of(Map.of("PRICE_TABLE", "{nope")), () -> null))
                .isInstanceOf(ConfigException.class).hasMessage("PRICE_TABLE is not valid JSON");
        assertThatThrownBy(() -> PriceTableSource.load(Settings.of(Map.of("PRICE_TABLE", "{\"services\": {}}")), () -> null))
                .isInstanceOf(ConfigException.class).hasMessageContaining("has no services");
        assertThatThrownBy(() -> PriceTableSource.load(Settings.of(Map.of("PRICE_TABLE", SMALL_TABLE,
                "PRICE_TABLE_S3_URI", "s3://bucket/prices.json")), () -> null))
                .isInstanceOf(ConfigException.class).hasMessage("Set PRICE_TABLE or PRICE_TABLE_S3_URI, not both");
        for (String bad : new String[] {"bucket/prices.json", "s3://bucket", "s3://bucket/", "https://bucket/x.json"}) {
            assertThatThrownBy(() -> PriceTableSource.load(Settings.of(Map.of("PRICE_TABLE_S3_URI", bad)), () -> null))
                    .as(bad).isInstanceOf(ConfigException.class).hasMessageContaining("must look like s3://");
        }
    }

    @Test
    void parsesS3Locations() {
        PriceTableSource.S3Location where = PriceTableSource.S3Location.parse("s3://my.bucket/config/price-table.json");
        assertThat(where.bucket()).isEqualTo("my.bucket");
        assertThat(where.key()).isEqualTo("config/price-table.json");
    }
}
