package dev.switchboard.quote;

import dev.switchboard.shared.pricing.Estimate;
import dev.switchboard.shared.pricing.PriceTable;
import java.time.Clock;
import java.time.Year;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The heart of {@code POST /quote}, with no I/O: validate the form and price the job. The handler adds
 * CORS, rate limits, storage, the CRM job and the text around it; a benchmark or a test can call this
 * alone. The prices are asked for per request: they follow the price table's changes (see
 * {@code PriceTableSource}).
 */
public final class QuoteIntake {

    private final QuoteValidator validator;
    private final Supplier<PriceTable> prices;
    private final Clock clock;

    public QuoteIntake(Supplier<PriceTable> prices, Clock clock, String defaultRegion) {
        this.validator = new QuoteValidator(clock, defaultRegion);
        this.prices = prices;
        this.clock = clock;
    }

    /** Validates and, when valid, prices the request. */
    public Evaluation evaluate(QuoteForm form) {
        QuoteValidator.Result result = validator.validate(form);
        if (!result.valid()) {
            return new Evaluation(Optional.empty(), Optional.empty(), result.errors());
        }
        ValidQuote quote = result.quote().orElseThrow();
        return new Evaluation(Optional.of(quote), Optional.of(estimate(quote)), Map.of());
    }

    public Estimate estimate(ValidQuote quote) {
        return prices.get().estimate(quote.service(), quote.year().orElse(null), quote.engine().orElse(null), Year.now(clock));
    }

    /** What a bot that filled the honeypot is shown: a plausible estimate for whatever it typed. */
    public Estimate decoyEstimate(QuoteForm form) {
        Integer year = null;
        Optional<String> rawYear = form.text(QuoteForm.YEAR);
        if (rawYear.isPresent() && rawYear.get().matches("\\d{4}")) {
            year = Integer.valueOf(rawYear.get());
        }
        String service = form.text(QuoteForm.SERVICE).map(s -> s.length() > 100 ? s.substring(0, 100) : s).orElse("");
        return prices.get().estimate(service, year, form.text(QuoteForm.ENGINE).orElse(null), Year.now(clock));
    }

    /** A valid quote with its estimate, or the errors per field. */
    public record Evaluation(Optional<ValidQuote> quote, Optional<Estimate> estimate, Map<String, String> errors) {

        public boolean valid() {
            return quote.isPresent();
        }
    }
}
