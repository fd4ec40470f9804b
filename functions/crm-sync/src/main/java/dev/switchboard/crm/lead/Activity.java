package dev.switchboard.crm.lead;

import java.time.Instant;

/**
 * One line of the lead's activity log (the CRM's notes field): a quote, a call or a transcript.
 *
 * @param jobKey  the CRM job's idempotency key
 * @param kind    {@code quote}, {@code call} or {@code transcript}
 * @param version the lead's content version when it was added
 */
public record Activity(String jobKey, String kind, Instant at, String text, long version) {
}
