package dev.switchboard.quote;

import dev.switchboard.shared.phone.PhoneNumbers;
import java.time.Clock;
import java.time.Year;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The quote form's rules: name, phone and service required; the phone normalised to E.164 by
 * libphonenumber, accepting any <em>possible</em> number (so no real customer is turned away; Twilio's
 * 21211 marks a number that cannot take texts); the year within 1900..next year; every field bounded in
 * length; single-line fields without control characters. Errors are keyed by field, in form order, with
 * words meant for the customer.
 */
public final class QuoteValidator {

    /** Maximum length of each field, in characters. */
    public static final Map<String, Integer> MAX_LENGTH = Map.ofEntries(
            Map.entry(QuoteForm.NAME, 100),
            Map.entry(QuoteForm.PHONE, 40),
            Map.entry(QuoteForm.EMAIL, 254),
            Map.entry(QuoteForm.SERVICE, 100),
            Map.entry(QuoteForm.YEAR, 4),
            Map.entry(QuoteForm.MAKE, 40),
            Map.entry(QuoteForm.MODEL, 60),
            Map.entry(QuoteForm.ENGINE, 60),
            Map.entry(QuoteForm.NOTES, 2000));

    public static final int MIN_YEAR = 1900;

    private final Clock clock;
    private final String defaultRegion;

    public QuoteValidator(Clock clock, String defaultRegion) {
        this.clock = clock;
        this.defaultRegion = defaultRegion;
    }

    /** The newest model year accepted: next year (dealers sell next year's models from mid-year). */
    public int maxYear() {
        return Year.now(clock).getValue() + 1;
    }

    public Result validate(QuoteForm form) {
        Map<String, String> errors = new LinkedHashMap<>();
        form.notText().forEach(errors::put);

        Optional<String> name = line(form, QuoteForm.NAME, errors);
        if (name.isEmpty() && !errors.containsKey(QuoteForm.NAME)) {
            errors.put(QuoteForm.NAME, "Please enter your name.");
        }

        Optional<String> phone = Optional.empty();
        Optional<String> rawPhone = line(form, QuoteForm.PHONE, errors);
        if (rawPhone.isEmpty()) {
            errors.putIfAbsent(QuoteForm.PHONE, "Please enter your phone number.");
        } else {
            phone = PhoneNumbers.possibleE164(rawPhone.get(), defaultRegion);
            if (phone.isEmpty()) {
                errors.put(QuoteForm.PHONE, "Please enter a phone number we can reach you at, e.g. (904) 555-0123.");
            }
        }

        Optional<String> email = line(form, QuoteForm.EMAIL, errors);
        if (email.isPresent() && !looksLikeEmail(email.get())) {
            errors.put(QuoteForm.EMAIL, "Please enter a valid email address, or leave it empty.");
        }

        Optional<String> service = line(form, QuoteForm.SERVICE, errors);
        if (service.isEmpty()) {
            errors.putIfAbsent(QuoteForm.SERVICE, "Please tell us what your vehicle needs.");
        }

        Optional<Integer> year = Optional.empty();
        Optional<String> rawYear = form.text(QuoteForm.YEAR);
        if (rawYear.isPresent() && !errors.containsKey(QuoteForm.YEAR)) {
            year = parseYear(rawYear.get());
            if (year.isEmpty()) {
                errors.put(QuoteForm.YEAR, "Please enter the model year, " + MIN_YEAR + " to " + maxYear() + ".");
            }
        }

        Optional<String> make = line(form, QuoteForm.MAKE, errors);
        Optional<String> model = line(form, QuoteForm.MODEL, errors);
        Optional<String> engine = line(form, QuoteForm.ENGINE, errors);
        Optional<String> notes = text(form, QuoteForm.NOTES, errors, true);

        boolean optIn = false;
        if (!errors.containsKey(QuoteForm.TEXT_OPT_IN)) {
            Optional<Boolean> parsed = parseFlag(form.text(QuoteForm.TEXT_OPT_IN));
            if (parsed.isEmpty()) {
                errors.put(QuoteForm.TEXT_OPT_IN, "Please tick the box, or leave it unticked.");
            } else {
                optIn = parsed.get();
            }
        }

        if (!errors.isEmpty()) {
            return Result.rejected(ordered(errors));
        }
        return Result.accepted(new ValidQuote(name.orElseThrow(), phone.orElseThrow(), email, service.orElseThrow(),
                year, make, model, engine, notes, optIn));
    }

    private static Optional<String> line(QuoteForm form, String field, Map<String, String> errors) {
        return text(form, field, errors, false);
    }

    /** A bounded text field; multi-line ones may hold line breaks and tabs, no other control characters. */
    private static Optional<String> text(QuoteForm form, String field, Map<String, String> errors, boolean multiLine) {
        if (errors.containsKey(field)) {
            return Optional.empty();
        }
        Optional<String> value = form.text(field);
        if (value.isEmpty()) {
            return value;
        }
        String v = value.get();
        int max = MAX_LENGTH.get(field);
        if (v.codePointCount(0, v.length()) > max) {
            errors.put(field, "Please keep this under " + max + " characters.");
            return Optional.empty();
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            boolean allowedBreak = multiLine && (c == '\n' || c == '\r' || c == '\t');
            if (Character.isISOControl(c) && !allowedBreak) {
                errors.put(field, "Please use letters, numbers and punctuation only.");
                return Optional.empty();
            }
        }
        return value;
    }

    private Optional<Integer> parseYear(String raw) {
        if (raw.length() != 4) {
            return Optional.empty();
        }
        for (int i = 0; i < raw.length(); i++) {
            if (raw.charAt(i) < '0' || raw.charAt(i) > '9') {
                return Optional.empty();
            }
        }
        int year = Integer.parseInt(raw);
        return year >= MIN_YEAR && year <= maxYear() ? Optional.of(year) : Optional.empty();
    }

    /** A checkbox posts "on"; JSON posts true/false; people and scripts write yes/no/1/0. */
    static Optional<Boolean> parseFlag(Optional<String> raw) {
        if (raw.isEmpty()) {
            return Optional.of(false);
        }
        switch (raw.get().toLowerCase(Locale.ROOT)) {
            case "true": case "on": case "yes": case "y": case "1": case "checked":
                return Optional.of(true);
            case "false": case "off": case "no": case "n": case "0":
                return Optional.of(false);
            default:
                return Optional.empty();
        }
    }

    /**
     * A plain shape check, not RFC 5322: one {@code @}, something before it, a dotted domain after it, no
     * spaces. The address is only passed on to the owner's CRM, never mailed by Switchboard.
     */
    static boolean looksLikeEmail(String email) {
        int at = email.indexOf('@');
        if (at <= 0 || at != email.lastIndexOf('@') || at == email.length() - 1) {
            return false;
        }
        String domain = email.substring(at + 1);
        int dot = domain.lastIndexOf('.');
        if (dot <= 0 || dot == domain.length() - 1 || domain.startsWith(".") || domain.contains("..")) {
            return false;
        }
        for (int i = 0; i < email.length(); i++) {
            if (Character.isWhitespace(email.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Errors in the order the fields appear on the form. */
    private static Map<String, String> ordered(Map<String, String> errors) {
        Map<String, String> ordered = new LinkedHashMap<>();
        for (String field : QuoteForm.FIELDS) {
            if (errors.containsKey(field)) {
                ordered.put(field, errors.get(field));
            }
        }
        return ordered;
    }

    /** Either a valid quote or the errors per field. */
    public record Result(Optional<ValidQuote> quote, Map<String, String> errors) {

        static Result accepted(ValidQuote quote) {
            return new Result(Optional.of(quote), Map.of());
        }

        static Result rejected(Map<String, String> errors) {
            return new Result(Optional.empty(), java.util.Collections.unmodifiableMap(errors));
        }

        public boolean valid() {
            return quote.isPresent();
        }
    }
}
