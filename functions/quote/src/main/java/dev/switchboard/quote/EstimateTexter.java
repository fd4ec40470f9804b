package dev.switchboard.quote;

/** Texts a lead its estimate ({@link OutboundEstimateTexter}, through {@code OutboundTexts}). */
public interface EstimateTexter {

    /** Sends (or queues) the estimate text for a lead whose customer opted in. Never throws. */
    SmsOutcome text(Lead lead);
}
