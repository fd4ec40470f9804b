package dev.switchboard.transcription;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.shared.config.Env;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.pricing.PriceTableSource;
import dev.switchboard.shared.testing.CapturedLogs;
import dev.switchboard.shared.testing.EditableParameterStore;
import dev.switchboard.shared.testing.MutableClock;
import dev.switchboard.transcription.extract.ExtractedField;
import dev.switchboard.transcription.extract.Utterance;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.Year;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.event.Level;
import org.junit.jupiter.api.Test;

/** The transcriber's prices and service phrases following the price table in SSM (a store the test edits). */
class CallPricingTest {

    static final String SHIPPED = shippedTable();

    final EditableParameterStore ssm = new EditableParameterStore().put("/sb/price-table", SHIPPED);
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T20:00:00Z"));
    final Supplier<CallPricing> pricing = CallPricing.live(PriceTableSource.live(
            new Settings(Env.of(Map.of("PRICE_TABLE_PARAMETER", "/sb/price-table")), ssm), () -> {
                throw new AssertionError("S3 must not be touched");
            }, clock), clock);

    static String shippedTable() {
        try (InputStream in = CallPricingTest.class.getResourceAsStream("/dev/switchboard/shared/pricing/price-table.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Optional<String> serviceHeard(String sentence) {
        return pricing.get().extractor().extract(List.of(new Utterance(Speaker.CALLER, sentence)), Optional.empty())
                .service().map(ExtractedField::value);
    }

    String price(String service) {
        return pricing.get().prices().estimate(service, null, null, Year.of(2026)).amountText().orElseThrow();
    }

    @Test
    void aServiceAddedToTheTableIsHeardAndPricedWithoutANewContainer() {
        assertThat(serviceHeard("Can you replace my wiper blades?")).isEmpty();
        CallPricing before = pricing.get();
        assertThat(pricing.get()).isSameAs(before);

        ssm.put("/sb/price-table", SHIPPED.replace("\"services\": {", "\"services\": {\"wiper blades\": {\"label\":"
                + " \"Wiper blades\", \"base\": \"35.00\", \"aliases\": [\"wipers\"]},"));

        assertThat(serviceHeard("Can you replace my wiper blades?")).contains("wiper blades");
        assertThat(price("wiper blades")).isEqualTo("35.00");
        assertThat(pricing.get()).isNotSameAs(before).isSameAs(pricing.get());
    }

    @Test
    void aTableWithoutAServiceThePhrasesNameKeepsTheLastGoodPricingWithOneError() {
        assertThat(price("brake pads")).isEqualTo("150.00");
        try (CapturedLogs logs = CapturedLogs.start()) {
            ssm.put("/sb/price-table", "{\"services\": {\"oil change\": {\"base\": \"45.00\"}}}");
            for (int i = 0; i < 3; i++) {
                assertThat(serviceHeard("I need new brake pads.")).contains("brake pads");
                assertThat(price("brake pads")).isEqualTo("150.00");
                assertThat(price("oil change")).isEqualTo("50.00");
            }
            assertThat(logs.at(Level.ERROR)).singleElement().satisfies(line -> assertThat(line.text())
                    .startsWith("The price table from PRICE_TABLE changed but cannot be used here (service-phrases.json"));
        }
    }
}
