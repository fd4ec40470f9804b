package dev.switchboard.shared.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Per-number routing: {@code LINES} maps each called Twilio number (E.164) to that line's settings, e.g.
 * {@code {"+19045550200": {"forwardTo": "+19045550177", "businessName": "Mechanic St. Augustine"}}}.
 * A number not listed gets the fallback line built from the global settings ({@code TWILIO_FORWARD_TO},
 * {@code TWILIO_CALLER_ID}, {@code BUSINESS_NAME}, ...). {@code LINES} may live in SSM
 * ({@code LINES_PARAMETER}) because Lambda's environment is limited to 4 KB. Read from SSM, the lines
 * follow an edit within {@code PARAMETER_MAX_AGE_SECONDS} ({@link LiveSetting}); a malformed edit keeps the
 * last good lines in use (one ERROR), as a malformed value at a cold start stops it.
 */
public final class Lines {

    public static final String DEFAULT_GREETING =
            "Thanks for calling {business}. This call may be recorded for quality and training. Connecting you now.";
    public static final String DEFAULT_VOICEMAIL_PROMPT =
            "Sorry, we can't take your call right now. Please leave your name, your vehicle and what it needs"
                    + " after the beep, and we'll call you back.";
    public static final String DEFAULT_AFTER_HOURS_GREETING =
            "Thanks for calling {business}. We're closed right now. Please leave your name, your vehicle and what"
                    + " it needs after the beep, and we'll call you back as soon as we open.";
    public static final String DEFAULT_MISSED_CALL_TEXT =
            "Sorry we missed your call at {business}! Reply with your name, vehicle and what it needs and we'll"
                    + " get right back to you. Reply STOP to opt out.";
    public static final String DEFAULT_VOICEMAIL_THANKS_TEXT =
            "Thanks for your message to {business}! We got your voicemail and will call you back soon."
                    + " Reply STOP to opt out.";
    public static final String DEFAULT_HELP_TEXT =
            "{business}: reply with your name, vehicle and what it needs and we'll get back to you."
                    + " Reply STOP to opt out.";
    public static final String DEFAULT_BUSINESS_NAME = "our shop";
    public static final String DEFAULT_RECORD_MODE = "record-from-answer-dual";

    private static final Set<String> RECORD_MODES = Set.of("do-not-record", "record-from-answer",
            "record-from-ringing", "record-from-answer-dual", "record-from-ringing-dual");

    /** The lines as parsed from one set of raw values. */
    private record Parsed(Map<String, Line> byNumber, Line fallback) {
    }

    private final LiveSetting<Parsed> parsed;

    private Lines(LiveSetting<Parsed> parsed) {
        this.parsed = parsed;
    }

    /** Parses the lines now (a malformed value is a {@link ConfigException}) and follows later changes. */
    public static Lines load(Settings settings) {
        return new Lines(settings.live(Lines::parse));
    }

    private static Parsed parse(Settings settings) {
        Line fallback = resolve(settings, Optional.empty(), LinesJson.emptyObject());
        Map<String, Line> lines = new LinkedHashMap<>();
        for (Map.Entry<String, com.fasterxml.jackson.databind.node.ObjectNode> entry : LinesJson.lineObjects(settings).entrySet()) {
            lines.put(entry.getKey(), resolve(settings, Optional.of(entry.getKey()), entry.getValue()));
        }
        return new Parsed(java.util.Collections.unmodifiableMap(lines), fallback); // in the order written: "the first line"
    }

    /** The line for a called number, or the fallback line. */
    public Line forNumber(String calledNumber) {
        Parsed current = parsed.get();
        Line line = calledNumber == null ? null : current.byNumber().get(calledNumber);
        return line != null ? line : current.fallback();
    }

    public Line fallback() {
        return parsed.get().fallback();
    }

    public Collection<Line> configured() {
        return parsed.get().byNumber().values();
    }

    /** Whether {@code phone} is one of the business's own numbers (never text those). */
    public boolean isBusinessNumber(String phone) {
        if (phone == null) {
            return false;
        }
        Parsed current = parsed.get();
        if (current.byNumber().containsKey(phone)) {
            return true;
        }
        java.util.List<Line> all = new java.util.ArrayList<>(current.byNumber().values());
        all.add(current.fallback());
        for (Line line : all) {
            if (line.callerId().filter(phone::equals).isPresent() || line.smsFrom().filter(phone::equals).isPresent()
                    || line.forwardTo().filter(phone::equals).isPresent()) {
                return true;
            }
        }
        return false;
    }

    private static Line resolve(Settings settings, Optional<String> number, JsonNode node) {
        String where = number.map(n -> "LINES[" + n + "]").orElse("global settings");
        LinesJson.requireKnownKeys(where, node);
        Optional<String> forwardTo = text(node, "forwardTo").map(v -> Settings.requireE164(where + ".forwardTo", v))
                .or(() -> settings.optionalE164("TWILIO_FORWARD_TO"));
        Optional<String> callerId = text(node, "callerId").map(v -> Settings.requireE164(where + ".callerId", v))
                .or(() -> settings.optionalE164("TWILIO_CALLER_ID"));
        Optional<String> smsFrom = text(node, "smsFrom").map(v -> Settings.requireE164(where + ".smsFrom", v))
                .or(() -> settings.optionalE164("TWILIO_SMS_FROM"));
        String zoneName = text(node, "timeZone").orElse(settings.orDefault("BUSINESS_TIME_ZONE", "America/New_York"));
        ZoneId zone;
        try {
            zone = ZoneId.of(zoneName);
        } catch (DateTimeException e) {
            throw new ConfigException(where + " has an unknown time zone '" + zoneName
                    + "' (use an IANA name like America/New_York)");
        }
        Optional<WeeklySchedule> schedule;
        if (node.has("hours") && !node.get("hours").isNull()) {
            schedule = Optional.of(WeeklySchedule.parse(where, node.get("hours")));
        } else {
            schedule = settings.optional("BUSINESS_HOURS").map(v -> WeeklySchedule.parse("BUSINESS_HOURS", json("BUSINESS_HOURS", v)));
        }
        Set<LocalDate> holidays = node.has("holidays")
                ? dates(where + ".holidays", node.get("holidays"))
                : settings.optional("HOLIDAYS").map(v -> dates("HOLIDAYS", v.trim().startsWith("[")
                        ? json("HOLIDAYS", v) : LinesJson.textArray(v.split("\\s*,\\s*")))).orElse(Set.of());
        String record = text(node, "record").orElse(settings.orDefault("DIAL_RECORD", DEFAULT_RECORD_MODE));
        if (!RECORD_MODES.contains(record)) {
            throw new ConfigException(where + " record must be one of " + RECORD_MODES + ", got '" + record + "'");
        }
        return new Line(
                number,
                forwardTo,
                callerId,
                text(node, "businessName").orElse(settings.orDefault("BUSINESS_NAME", DEFAULT_BUSINESS_NAME)),
                text(node, "greeting").orElse(settings.orDefault("GREETING", DEFAULT_GREETING)),
                smsFrom,
                zone,
                schedule,
                holidays,
                bool(where, node, "screen").orElseGet(() -> settings.flag("CALL_SCREENING", false)),
                bool(where, node, "textAfterVoicemail").orElseGet(() -> settings.flag("TEXT_AFTER_VOICEMAIL", false)),
                integer(where, node, "dialTimeout", 5, 120).orElseGet(() -> settings.integer("DIAL_TIMEOUT_SECONDS", 20, 5, 120)),
                record,
                text(node, "voicemailPrompt").orElse(settings.orDefault("VOICEMAIL_PROMPT", DEFAULT_VOICEMAIL_PROMPT)),
                text(node, "afterHoursGreeting").orElse(settings.orDefault("AFTER_HOURS_GREETING", DEFAULT_AFTER_HOURS_GREETING)),
                integer(where, node, "voicemailMaxLength", 5, 3600).orElseGet(() -> settings.integer("VOICEMAIL_MAX_SECONDS", 120, 5, 3600)),
                text(node, "missedCallText").orElse(settings.orDefault("MISSED_CALL_TEXT", DEFAULT_MISSED_CALL_TEXT)),
                text(node, "voicemailThanksText").orElse(settings.orDefault("VOICEMAIL_THANKS_TEXT", DEFAULT_VOICEMAIL_THANKS_TEXT)),
                text(node, "helpText").orElse(settings.orDefault("SMS_HELP_TEXT", DEFAULT_HELP_TEXT)));
    }

    private static Optional<String> text(JsonNode node, String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull() || value.asText().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(value.asText().trim());
    }

    private static Optional<Boolean> bool(String where, JsonNode node, String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            throw new ConfigException(where + "." + key + " must be true or false");
        }
        return Optional.of(value.booleanValue());
    }

    private static Optional<Integer> integer(String where, JsonNode node, String key, int min, int max) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.intValue() < min || value.intValue() > max) {
            throw new ConfigException(where + "." + key + " must be a whole number between " + min + " and " + max);
        }
        return Optional.of(value.intValue());
    }

    private static JsonNode json(String name, String raw) {
        try {
            return LinesJson.parse(raw);
        } catch (JsonProcessingException e) {
            throw new ConfigException(name + " is not valid JSON");
        }
    }

    private static Set<LocalDate> dates(String where, JsonNode node) {
        if (!node.isArray()) {
            throw new ConfigException(where + " must be a list of dates like [\"2026-12-25\"]");
        }
        Set<LocalDate> dates = new HashSet<>();
        for (JsonNode item : node) {
            try {
                dates.add(LocalDate.parse(item.asText().trim()));
            } catch (java.time.format.DateTimeParseException e) {
                throw new ConfigException(where + " has '" + item.asText() + "', expected a date like 2026-12-25");
            }
        }
        return Set.copyOf(dates);
    }
}
