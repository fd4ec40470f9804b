package dev.switchboard.quote;

import dev.switchboard.shared.pricing.Estimate;
import dev.switchboard.shared.pricing.PriceTable;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The words of the estimate text. Only the business's own words go in it — the price table's service
 * label and amount, the business name — never what the customer typed: the form is public, and a text
 * carrying a stranger's words to any number is exactly what SMS spammers look for. Every text ends with
 * the opt-out line; a template without "STOP" gets it appended.
 *
 * <p>Templates ({@code QUOTE_TEXT}, {@code QUOTE_TEXT_NO_PRICE}) may use {@code {business}},
 * {@code {service}} and {@code {amount}}.
 */
public final class EstimateText {

    public static final String DEFAULT_PRICED =
            "{business}: thanks for your quote request! Estimate for {service}: ${amount}."
                    + " We'll contact you to schedule. Reply STOP to opt out.";
    public static final String DEFAULT_UNPRICED =
            "{business}: thanks for your quote request! We'll call you soon with a price."
                    + " Reply STOP to opt out.";
    static final String OPT_OUT_LINE = "Reply STOP to opt out.";

    private final String priced;
    private final String unpriced;
    private final Supplier<PriceTable> prices;

    /** @param prices the table in use now, for the service's label */
    public EstimateText(String priced, String unpriced, Supplier<PriceTable> prices) {
        this.priced = withOptOut(priced);
        this.unpriced = withOptOut(unpriced);
        this.prices = prices;
    }

    public static EstimateText defaults(Supplier<PriceTable> prices) {
        return new EstimateText(DEFAULT_PRICED, DEFAULT_UNPRICED, prices);
    }

    public String body(String businessName, Estimate estimate) {
        if (estimate.amountText().isEmpty()) {
            return unpriced.replace("{business}", businessName);
        }
        String label = prices.get().find(estimate.service()).map(PriceTable.Service::label).orElse(estimate.service());
        return priced.replace("{business}", businessName)
                .replace("{service}", label)
                .replace("{amount}", estimate.amountText().get());
    }

    private static String withOptOut(String template) {
        String trimmed = template.strip();
        if (trimmed.toUpperCase(Locale.ROOT).contains("STOP")) {
            return trimmed;
        }
        return trimmed + " " + OPT_OUT_LINE;
    }
}
