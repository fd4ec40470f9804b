package dev.switchboard.alerts;

import dev.switchboard.shared.jobs.AlertJob;
import dev.switchboard.shared.phone.HumanPhone;
import dev.switchboard.shared.text.SafeText;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The alert texts staff get, each starting with the customer's reply tag:
 * <pre>
 * #K7 Voicemail 0:42 from John Smith +1 904-555-0123 - 2018 Toyota Camry, brakes: "Hi, my brakes are
 * grinding..." https://phone.example.com/inbox/c/+19045550123
 * #K7 Quote from John Doe +1 904-555-0123 - 2018 Toyota Camry, oil change, $89.00 https://...
 * #K7 Text from John Doe +1 904-555-0123: Can you come Tuesday?
 * #K7 Missed call from +1 904-555-0123 at 3:42 PM (no voicemail)
 * #K7 Jane (+1 904-555-0123) CONFIRMED Thu, Dec 11 at 10:30 AM
 * #K7 Jane (+1 904-555-0123) wants to RESCHEDULE Thu, Dec 11 at 10:30 AM - call them
 * Voicemail from a withheld number, 0:42: "Hi, it's Dave..." (cannot be answered by reply) https://.../recordings/RE...
 * Missed call from a withheld number at 3:42 PM (no voicemail; cannot be called or texted back)
 * </pre>
 * A caller who withheld their number gets no tag: nobody can be answered.
 * A voicemail alert keeps within {@link #VOICEMAIL_SEGMENTS} SMS segments: the transcript is cut first,
 * then the name, vehicle and service; never the number, the tag or the link.
 */
final class AlertTexts {

    static final int VOICEMAIL_SEGMENTS = 2;
    /** A text alert carries the customer's whole message, up to one Twilio message. */
    static final int MAX_TEXT = 1600;
    static final int NAME_MAX = 40;
    private static final java.util.regex.Pattern SPEAKER =
            java.util.regex.Pattern.compile("(?m)^[ \\t]*(Caller|Customer|Owner|Business|Speaker ?\\d*):[ \\t]*");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("h:mm a", Locale.US);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("EEE, MMM d 'at' h:mm a", Locale.US);

    private AlertTexts() {
    }

    /** {@code 42} → {@code 0:42}; {@code 3725} → {@code 1:02:05}. */
    static String duration(Integer seconds) {
        if (seconds == null || seconds < 0) {
            return "";
        }
        int h = seconds / 3600;
        int m = (seconds % 3600) / 60;
        int s = seconds % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s) : String.format(Locale.ROOT, "%d:%02d", m, s);
    }

    static String who(Optional<String> name, String customer) {
        String number = HumanPhone.format(customer);
        return name.map(n -> clean(n, NAME_MAX)).filter(n -> !n.isEmpty()).map(n -> n + " " + number).orElse(number);
    }

    static String voicemail(String tag, AlertJob.Voicemail job, Optional<String> name, String link) {
        String length = duration(job.durationSeconds());
        String head = "#" + tag + " Voicemail" + (length.isEmpty() ? "" : " " + length) + " from ";
        String number = HumanPhone.format(job.customer());
        return fitVoicemail(job, name, withName -> head + withName.map(n -> n + " ").orElse("") + number,
                " " + link);
    }

    /**
     * A voicemail from a caller who withheld their number: no tag (there is nobody to reply to), the name the
     * caller gave if any, and it says so; the link is the recording's.
     * <pre>
     * Voicemail from a withheld number (Dave), 0:42 - 2015 Honda Civic, brakes: "Hi, this is Dave..." (cannot be
     * answered by reply) https://phone.example.com/recordings/RE...
     * </pre>
     */
    static String withheldVoicemail(AlertJob.Voicemail job, Optional<String> name, String link) {
        String length = duration(job.durationSeconds());
        return fitVoicemail(job, name, withName -> WITHHELD_VOICEMAIL + withName.map(n -> " (" + n + ")").orElse("")
                + (length.isEmpty() ? "" : ", " + length), " " + CANNOT_REPLY + " " + link);
    }

    /** Opens the alert of a voicemail whose caller withheld their number. */
    static final String WITHHELD_VOICEMAIL = "Voicemail from a withheld number";
    /** Says a withheld caller's alert cannot be answered with a reply text. */
    static final String CANNOT_REPLY = "(cannot be answered by reply)";

    /**
     * Fits a voicemail alert into {@link #VOICEMAIL_SEGMENTS}: {@code intro} (with or without the name) and
     * {@code tail} are always kept; the transcript's start is cut to fit, then the details, then the name go.
     */
    private static String fitVoicemail(AlertJob.Voicemail job, Optional<String> name,
                                       java.util.function.Function<Optional<String>, String> intro, String tail) {
        Optional<String> cleanName = Optional.ofNullable(name.map(n -> clean(n, NAME_MAX)).orElse(null))
                .filter(n -> !n.isEmpty());
        List<String> details = new ArrayList<>();
        Optional.ofNullable(job.vehicle()).map(v -> clean(v, 40)).filter(v -> !v.isEmpty()).ifPresent(details::add);
        Optional.ofNullable(job.service()).map(v -> clean(v, 40)).filter(v -> !v.isEmpty()).ifPresent(details::add);
        String transcript = Optional.ofNullable(job.transcriptExcerpt()).map(AlertTexts::withoutSpeakers)
                .map(t -> clean(t, 1000)).orElse("");
        String note = switch (job.trigger()) {
            case deadline -> "(transcript to follow)";
            case failed -> "(no transcript: transcription failed)";
            case untranscribed -> "";
            case transcript -> transcript.isEmpty() ? "(nothing heard)" : "";
        };
        // Most to least worth keeping: tag, number and link always; then the transcript's start, shortened
        // to fit; then details; then the name.
        for (int attempt = 0; attempt < 3; attempt++) {
            String about = attempt < 1 && !details.isEmpty() ? " - " + String.join(", ", details) : "";
            String fixed = intro.apply(attempt < 2 ? cleanName : Optional.empty()) + about;
            String noteText = note.isEmpty() ? "" : " " + note;
            if (!transcript.isEmpty() && job.trigger() == AlertJob.Trigger.transcript) {
                String fitted = fitQuote(fixed + ": ", transcript, tail);
                if (fitted != null) {
                    return fitted;
                }
            } else if (SmsSegments.fits(fixed + noteText + tail, VOICEMAIL_SEGMENTS)) {
                return fixed + noteText + tail;
            }
        }
        return intro.apply(Optional.empty()) + tail;
    }

    /** A voicemail has one speaker: the transcript's "Caller:" labels only take room in a text. */
    static String withoutSpeakers(String transcript) {
        return SPEAKER.matcher(transcript).replaceAll("").strip();
    }

    /** {@code before "transcript..." after}, the transcript cut to fit the segments; null when not even a word fits. */
    private static String fitQuote(String before, String transcript, String after) {
        String whole = before + "\"" + transcript + "\"" + after;
        if (SmsSegments.fits(whole, VOICEMAIL_SEGMENTS)) {
            return whole;
        }
        int low = 0;
        int high = transcript.length();
        String best = null;
        while (low <= high) {
            int mid = (low + high) / 2;
            String cut = cutAtWord(transcript, mid);
            String candidate = before + "\"" + cut + "...\"" + after;
            if (SmsSegments.fits(candidate, VOICEMAIL_SEGMENTS)) {
                best = cut.isEmpty() ? null : candidate;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return best;
    }

    private static String cutAtWord(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max;
        if (Character.isLowSurrogate(text.charAt(end)) && end > 0) {
            end--;
        }
        int space = text.lastIndexOf(' ', end);
        if (space > max / 2) {
            end = space;
        }
        return text.substring(0, end).strip();
    }

    static String quote(String tag, AlertJob.Quote job, Optional<String> name, String link) {
        List<String> details = new ArrayList<>();
        Optional.ofNullable(job.vehicle()).map(v -> clean(v, 60)).filter(v -> !v.isEmpty()).ifPresent(details::add);
        Optional.ofNullable(job.service()).map(v -> clean(v, 60)).filter(v -> !v.isEmpty()).ifPresent(details::add);
        details.add(job.estimate() == null || job.estimate().isBlank() ? "no price" : money(job.estimate(), job.currency()));
        return "#" + tag + " Quote from " + who(name, job.customer()) + " - " + String.join(", ", details) + " " + link;
    }

    static String text(String tag, AlertJob.Text job, Optional<String> name) {
        int media = job.mediaCount() == null ? 0 : job.mediaCount();
        String head = "#" + tag + " Text from " + who(name, job.customer()) + ": ";
        String tail = media <= 0 ? "" : " [" + media + (media == 1 ? " picture or file" : " pictures or files") + "]";
        String body = job.body() == null ? "" : SafeText.xml(job.body()).strip();
        if (body.isEmpty() && media <= 0) {
            body = "(empty message)";
        }
        if (body.isEmpty()) {
            return head + tail.strip(); // only pictures: "#K7 Text from ...: [2 pictures or files]"
        }
        return head + SafeText.bounded(body, MAX_TEXT - head.length() - tail.length()) + tail;
    }

    static String missedCall(String tag, AlertJob.MissedCall job, Optional<String> name, ZoneId zone) {
        String when = "";
        try {
            when = " at " + TIME.format(Instant.parse(job.occurredAt()).atZone(zone));
        } catch (DateTimeParseException | NullPointerException e) {
            // no time then
        }
        return "#" + tag + " Missed call from " + who(name, job.customer()) + when + " (no voicemail)";
    }

    /** A missed call from a withheld number: no tag, and nobody to call back. */
    static String withheldMissedCall(AlertJob.MissedCall job, ZoneId zone) {
        String when = "";
        try {
            when = " at " + TIME.format(Instant.parse(job.occurredAt()).atZone(zone));
        } catch (DateTimeParseException | NullPointerException e) {
            // no time then
        }
        return "Missed call from a withheld number" + when + " (no voicemail; cannot be called or texted back)";
    }

    static String appointment(String tag, AlertJob.Appointment job, Optional<String> name, ZoneId zone) {
        String number = HumanPhone.format(job.customer());
        String person = name.map(n -> clean(n, NAME_MAX)).filter(n -> !n.isEmpty()).map(n -> n + " (" + number + ")")
                .orElse(number);
        String when = appointmentTime(job, zone).orElse("their appointment");
        return "#" + tag + " " + person + (job.reply() == AlertJob.Reply.confirmed
                ? " CONFIRMED " + when
                : " wants to RESCHEDULE " + when + " - call them");
    }

    /** The appointment's time in the line's zone ("Thu, Dec 11 at 10:30 AM"), when the job carries it. */
    static Optional<String> appointmentTime(AlertJob.Appointment job, ZoneId zone) {
        try {
            return Optional.of(DATE_TIME.format(Instant.parse(job.appointmentAt()).atZone(zone)));
        } catch (DateTimeParseException | NullPointerException e) {
            return Optional.empty();
        }
    }

    static String money(String amount, String currency) {
        if (currency == null || currency.isBlank() || "USD".equalsIgnoreCase(currency)) {
            return "$" + amount;
        }
        return amount + " " + currency;
    }

    /** One line, bounded, without control characters. */
    static String clean(String value, int max) {
        String flat = SafeText.xml(value).replaceAll("\\s+", " ").strip();
        if (flat.length() <= max) {
            return flat;
        }
        // "..." rather than an ellipsis character, which is not GSM-7 and would halve the room in a text.
        int cut = Math.max(0, max - 3);
        if (cut > 0 && Character.isHighSurrogate(flat.charAt(cut - 1))) {
            cut--;
        }
        return flat.substring(0, cut).strip() + "...";
    }
}
