package dev.switchboard.shared.config;

import dev.switchboard.shared.text.SafeText;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.Set;

/**
 * One business phone line, fully resolved: the line's own keys from {@code LINES}, else the global
 * setting, else the built-in default. Text templates may use {@code {business}} and {@code {caller}}.
 *
 * @param number             the Twilio number called ({@code To}), empty for the fallback line
 * @param forwardTo          where calls ring (the owner's phone); empty means straight to voicemail
 * @param callerId           caller ID shown on the forwarded leg; empty lets Twilio pass the caller's own
 * @param businessName       said in greetings and written in texts
 * @param smsFrom            the number texts are sent from; empty falls back to the messaging service
 * @param schedule           opening hours; empty means always open
 */
public record Line(
        Optional<String> number,
        Optional<String> forwardTo,
        Optional<String> callerId,
        String businessName,
        String greeting,
        Optional<String> smsFrom,
        ZoneId timeZone,
        Optional<WeeklySchedule> schedule,
        Set<LocalDate> holidays,
        boolean screen,
        boolean textAfterVoicemail,
        int dialTimeoutSeconds,
        String recordMode,
        String voicemailPrompt,
        String afterHoursGreeting,
        int voicemailMaxSeconds,
        String missedCallText,
        String voicemailThanksText,
        String helpText) {

    /** Whether calls are taken at {@code when}; no schedule means always open. */
    public boolean isOpen(ZonedDateTime when) {
        return schedule.map(s -> s.isOpen(when, timeZone, holidays)).orElse(true);
    }

    /**
     * Fills {@code {business}} and {@code {caller}} in a template. The caller's value is theirs (a {@code From}
     * can be any length and carry control characters), so it is bounded, and the result is XML-safe: it is
     * spoken in TwiML or sent as a text.
     */
    public String render(String template, String caller) {
        return SafeText.xml(template.replace("{business}", businessName)
                .replace("{caller}", caller == null ? "" : SafeText.caller(caller)));
    }
}
