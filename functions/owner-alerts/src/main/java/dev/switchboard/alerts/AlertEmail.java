package dev.switchboard.alerts;

import dev.switchboard.shared.jobs.AlertJob;
import dev.switchboard.shared.phone.HumanPhone;
import dev.switchboard.shared.text.SafeText;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One alert e-mail: a subject, a plain-text part and a simple HTML part with the same content (every value
 * from a customer HTML-escaped), with the whole transcript and the link.
 */
record AlertEmail(String subject, String text, String html) {

    static final int MAX_TRANSCRIPT = 20_000;

    static AlertEmail of(AlertJob.AboutCustomer job, String tag, Optional<String> name, String link, String business) {
        return of(job, tag, name, link, business, ZoneId.of("UTC"));
    }

    /** @param zone the line's time zone, for an appointment's time */
    static AlertEmail of(AlertJob.AboutCustomer job, String tag, Optional<String> name, String link, String business,
                         ZoneId zone) {
        String who = job.withheld()
                ? "a withheld number" + name.map(n -> AlertTexts.clean(n, AlertTexts.NAME_MAX)).filter(n -> !n.isEmpty())
                        .map(n -> " (" + n + ")").orElse("")
                : AlertTexts.who(name, job.customer());
        Map<String, String> fields = new LinkedHashMap<>();
        String subject;
        String message = null;
        String messageLabel = null;
        if (job instanceof AlertJob.Voicemail v) {
            subject = "Voicemail from " + who;
            fields.put("Length", AlertTexts.duration(v.durationSeconds()));
            put(fields, "Vehicle", v.vehicle());
            put(fields, "Service", v.service());
            messageLabel = "Transcript";
            String transcript = Optional.ofNullable(v.transcript()).or(() -> Optional.ofNullable(v.transcriptExcerpt()))
                    .map(t -> SafeText.bounded(SafeText.xml(t).strip(), MAX_TRANSCRIPT)).orElse("");
            message = !transcript.isEmpty() ? transcript : switch (v.trigger()) {
                case deadline -> "(The transcript is not ready yet: it will be on the page linked below.)";
                case failed -> "(Transcription failed: listen to the recording on the page linked below.)";
                default -> "(No transcript: listen to the recording on the page linked below.)";
            };
        } else if (job instanceof AlertJob.Quote q) {
            subject = "Quote request from " + who;
            put(fields, "Vehicle", q.vehicle());
            put(fields, "Service", q.service());
            fields.put("Estimate", q.estimate() == null || q.estimate().isBlank() ? "no price"
                    : AlertTexts.money(q.estimate(), q.currency()));
        } else if (job instanceof AlertJob.Text t) {
            subject = "Text from " + who;
            messageLabel = "Message";
            message = t.body() == null || t.body().isBlank() ? "(empty message)" : SafeText.xml(t.body()).strip();
            if (t.mediaCount() != null && t.mediaCount() > 0) {
                fields.put("Pictures or files", String.valueOf(t.mediaCount()));
            }
        } else if (job instanceof AlertJob.Appointment a) {
            boolean confirmed = a.reply() == AlertJob.Reply.confirmed;
            subject = (confirmed ? "Appointment confirmed by " : "Reschedule requested by ") + who;
            fields.put("Answer", confirmed ? "Confirmed" : "Wants to reschedule: call them");
            fields.put("Appointment", AlertTexts.appointmentTime(a, zone).orElse(a.appointmentId()));
            put(fields, "Appointment id", a.appointmentId());
        } else {
            subject = "Missed call from " + who;
            fields.put("When", job.occurredAt());
        }
        subject = AlertTexts.clean("[" + business + "] " + subject, 200);
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">");
        html.append("<h2>").append(escape(subject)).append("</h2><table>");
        text.append(subject).append("\n\n");
        row(text, html, "From", who);
        if (job.withheld()) {
            row(text, html, "Number", "withheld by the caller: this cannot be answered by reply or called back");
        } else {
            row(text, html, "Number", HumanPhone.format(job.customer()));
            row(text, html, "Reply tag", "#" + tag + " (text \"#" + tag + " your message\" to the business number to answer)");
        }
        fields.forEach((label, value) -> {
            if (value != null && !value.isBlank()) {
                row(text, html, label, value);
            }
        });
        html.append("</table>");
        if (message != null) {
            text.append('\n').append(messageLabel).append(":\n").append(message).append('\n');
            html.append("<h3>").append(escape(messageLabel)).append("</h3><p style=\"white-space:pre-wrap\">")
                    .append(escape(message)).append("</p>");
        }
        text.append("\nOpen: ").append(link).append('\n');
        html.append("<p><a href=\"").append(escape(link)).append("\">")
                .append(job.withheld() ? "Open the recording" : "Open the conversation").append("</a></p></body></html>");
        return new AlertEmail(subject, text.toString(), html.toString());
    }

    private static void put(Map<String, String> fields, String label, String value) {
        if (value != null && !value.isBlank()) {
            fields.put(label, AlertTexts.clean(value, 200));
        }
    }

    private static void row(StringBuilder text, StringBuilder html, String label, String value) {
        text.append(label).append(": ").append(value).append('\n');
        html.append("<tr><th align=\"left\">").append(escape(label)).append("</th><td>").append(escape(value))
                .append("</td></tr>");
    }

    /** HTML-escapes text for an element or a quoted attribute. */
    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
