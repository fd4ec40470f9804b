package dev.switchboard.callstatus;

/**
 * How an inbound call ended for the business, from its record: {@code answered} (a person took it: the
 * dial was answered, and accepted when screened), {@code voicemail} (the caller left a message) or
 * {@code missed}.
 */
public enum CallOutcome {
    ANSWERED("answered"),
    VOICEMAIL("voicemail"),
    MISSED("missed");

    private final String label;

    CallOutcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static CallOutcome of(boolean dialAnswered, boolean voicemailLeft) {
        if (dialAnswered) {
            return ANSWERED;
        }
        return voicemailLeft ? VOICEMAIL : MISSED;
    }
}
