package dev.switchboard.crm;

/**
 * The CRM item a lead is linked to no longer exists (someone deleted it in the CRM): the lead is created
 * again and relinked instead of being written into nothing.
 */
public final class CrmItemGone extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String crmItemId;

    public CrmItemGone(String crmItemId, String message) {
        super(message);
        this.crmItemId = crmItemId;
    }

    public String crmItemId() {
        return crmItemId;
    }
}
