package dev.switchboard.crm.lead;

import dev.switchboard.shared.jobs.CrmSyncJob;
import dev.switchboard.shared.text.SafeText;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * How a lead reads in the CRM: dates as {@code YYYY-MM-DD HH:MM} in the business's time zone, vehicles
 * and estimates as one line, one activity line per quote, call or transcript.
 */
public final class LeadText {

    static final int MAX_ACTIVITY_CHARS = 600;
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private final ZoneId zone;

    public LeadText(ZoneId zone) {
        this.zone = zone;
    }

    public ZoneId zone() {
        return zone;
    }

    /** {@code 2026-11-23 13:04} in the business's time zone. */
    public String localTime(Instant instant) {
        return LOCAL.format(instant.atZone(zone));
    }

    /** "2015 Honda Civic 2.0L", or null when nothing is known. */
    public static String vehicle(CrmSyncJob.Vehicle vehicle) {
        if (vehicle == null) {
            return null;
        }
        String joined = Stream.of(vehicle.year(), vehicle.make(), vehicle.model(), vehicle.engine())
                .filter(part -> part != null && !part.isBlank())
                .map(String::trim)
                .collect(Collectors.joining(" "));
        return joined.isEmpty() ? null : joined;
    }

    /** "$89.00" (or "89.00 EUR"), or null when the service could not be priced. */
    public static String estimate(CrmSyncJob.Estimate estimate) {
        if (estimate == null || estimate.amount() == null || estimate.amount().isBlank()) {
            return null;
        }
        String currency = estimate.currency() == null || estimate.currency().isBlank()
                ? "USD" : estimate.currency().trim().toUpperCase(Locale.ROOT);
        return currency.equals("USD") ? "$" + estimate.amount().trim() : estimate.amount().trim() + " " + currency;
    }

    /** The activity line for a job, without its time (added when the notes are rendered). */
    public String activity(CrmSyncJob job) {
        List<String> parts = new ArrayList<>();
        if (job instanceof CrmSyncJob.Quote quote) {
            parts.add("Web quote" + (quote.leadId() == null ? "" : " " + quote.leadId()));
            add(parts, quote.name());
            add(parts, quote.service() != null ? quote.service()
                    : quote.estimate() == null ? null : quote.estimate().service());
            add(parts, vehicle(quote.vehicle()));
            String estimate = estimate(quote.estimate());
            parts.add(estimate == null ? "not priced" : "estimate " + estimate);
            add(parts, quote.email());
            if (quote.notes() != null && !quote.notes().isBlank()) {
                parts.add("customer wrote: \"" + quote.notes().trim() + "\"");
            }
        } else if (job instanceof CrmSyncJob.Call call) {
            parts.add("Call" + (call.line() == null ? "" : " to " + call.line()) + ": "
                    + (call.callOutcome() == null ? "ended" : call.callOutcome()) + duration(call.durationSeconds()));
        } else if (job instanceof CrmSyncJob.Transcript heard) {
            parts.add("Transcript" + (heard.callSid() == null ? "" : " of call " + heard.callSid()));
            add(parts, heard.name());
            add(parts, vehicle(heard.vehicle()));
            add(parts, heard.service());
            String estimate = estimate(heard.estimate());
            add(parts, estimate == null ? null : "estimate " + estimate);
            if (heard.urgency() != null && !heard.urgency().isEmpty()) {
                parts.add("URGENT: " + String.join(", ", heard.urgency()));
            }
            if (heard.transcriptExcerpt() != null && !heard.transcriptExcerpt().isBlank()) {
                parts.add("\"" + heard.transcriptExcerpt().trim() + "\"");
            }
            add(parts, heard.notes());
            add(parts, heard.recordingLink() == null ? null : "recording " + heard.recordingLink());
        } else if (job instanceof CrmSyncJob.Note note) {
            parts.add(note.text());
        }
        String line = String.join(" · ", parts).replaceAll("\\s+", " ");
        return SafeText.bounded(line, MAX_ACTIVITY_CHARS);
    }

    /** The notes field: the lead's id, then every activity, newest first. */
    public String notes(LeadLink lead) {
        StringBuilder notes = new StringBuilder("Switchboard lead ").append(lead.leadRef());
        for (Activity activity : lead.activities()) {
            notes.append('\n').append(localTime(activity.at())).append("  ").append(activity.text());
        }
        return notes.toString();
    }

    private static String duration(Integer seconds) {
        if (seconds == null || seconds <= 0) {
            return "";
        }
        return seconds < 60 ? ", " + seconds + " s" : ", " + (seconds / 60) + " min " + (seconds % 60) + " s";
    }

    private static void add(List<String> parts, String value) {
        if (value != null && !value.isBlank()) {
            parts.add(value.trim());
        }
    }
}
