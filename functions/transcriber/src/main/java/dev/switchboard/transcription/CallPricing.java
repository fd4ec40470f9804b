package dev.switchboard.transcription;

import dev.switchboard.shared.pricing.PriceTable;
import dev.switchboard.shared.pricing.PriceTableSource;
import dev.switchboard.transcription.extract.LeadExtractor;
import java.time.Clock;
import java.time.Year;
import java.util.function.Supplier;

/**
 * The prices and the lead extractor whose service phrases are made from them, so that a call is priced
 * exactly like a web quote. They follow the price table's changes together: the phrases are made again only
 * when the table changed, and a table they cannot be made from (a service that {@code service-phrases.json}
 * names is missing) leaves both as they were, with one ERROR; at cold start it stops the function.
 */
record CallPricing(PriceTable prices, LeadExtractor extractor) {

    static Supplier<CallPricing> live(PriceTableSource prices, Clock clock) {
        return prices.derived(table -> new CallPricing(table, LeadExtractor.bundled(table, Year.now(clock).getValue())));
    }
}
