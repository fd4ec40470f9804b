package dev.switchboard.shared.pricing;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * A price estimate.
 *
 * @param amount  two decimals; empty when the service is unknown (someone will call instead)
 * @param service the canonical service name from the price table, or what the customer wrote
 * @param known   whether the service was found in the price table
 * @param message the words shown to the customer
 */
public record Estimate(Optional<BigDecimal> amount, String service, boolean known, String currency, String message) {

    /** The amount as text with two decimals ("50.00"), or empty. */
    public Optional<String> amountText() {
        return amount.map(BigDecimal::toPlainString);
    }
}
