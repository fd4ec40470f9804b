package dev.switchboard.quote;

/** Where leads are kept ({@link DynamoLeadStore} in the table). */
public interface LeadStore {

    /**
     * Stores a new lead, unless the same submission ({@link Lead#fingerprint()}) was stored moments ago.
     *
     * @return the id of the lead that holds this submission: {@code lead.id()}, or the earlier lead's id
     * @throws RuntimeException when storage is unavailable
     */
    String save(Lead lead);

    /** Files the quote in the customer's timeline and the owner's feed (needs a reply). */
    default void recordActivity(Lead lead, java.util.Optional<String> line) {
    }
}
