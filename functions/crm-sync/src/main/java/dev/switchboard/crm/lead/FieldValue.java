package dev.switchboard.crm.lead;

import java.time.Instant;

/**
 * One attribute of a lead and where it came from, so that better information is never overwritten by
 * worse: a name the customer typed outranks a name heard in a transcript.
 *
 * @param rank    {@link #TYPED_BY_CUSTOMER}, {@link #HEARD_IN_CALL} or {@link #CALL_DETAIL}
 * @param at      when the quote or call it came from happened
 * @param version the lead's content version when it was set: the CRM is sent only what changed since its
 *                last confirmed version, so a correction made by hand in the CRM is not undone by an
 *                unrelated later call
 */
public record FieldValue(String value, int rank, Instant at, long version) {

    public static final int TYPED_BY_CUSTOMER = 3;
    public static final int HEARD_IN_CALL = 2;
    public static final int CALL_DETAIL = 1;
}
