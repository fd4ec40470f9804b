package dev.switchboard.quote;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The quote form as the client sent it, before validation: each known field's text (JSON numbers and
 * booleans already turned into text), and the fields whose JSON value was not text at all (an array or an
 * object), which validation reports as errors. Unknown fields are dropped: a website may post extra ones.
 */
public final class QuoteForm {

    public static final String NAME = "name";
    public static final String PHONE = "phone";
    public static final String EMAIL = "email";
    public static final String SERVICE = "service";
    public static final String YEAR = "year";
    public static final String MAKE = "make";
    public static final String MODEL = "model";
    public static final String ENGINE = "engine";
    public static final String NOTES = "notes";
    public static final String TEXT_OPT_IN = "text_opt_in";
    /** The honeypot: hidden in the form, so people leave it empty and form-filling bots do not. */
    public static final String WEBSITE = "website";

    public static final List<String> FIELDS = List.of(NAME, PHONE, EMAIL, SERVICE, YEAR, MAKE, MODEL, ENGINE, NOTES,
            TEXT_OPT_IN, WEBSITE);

    private final Map<String, String> values;
    private final Map<String, String> notText;

    private QuoteForm(Map<String, String> values, Map<String, String> notText) {
        this.values = values;
        this.notText = notText;
    }

    /**
     * @param values  raw text per field (unknown fields are ignored)
     * @param notText fields whose value had the wrong shape, with the message to show
     */
    public static QuoteForm of(Map<String, String> values, Map<String, String> notText) {
        Map<String, String> known = new LinkedHashMap<>();
        values.forEach((field, value) -> {
            if (FIELDS.contains(field) && value != null) {
                known.put(field, value);
            }
        });
        Map<String, String> problems = new LinkedHashMap<>();
        notText.forEach((field, message) -> {
            if (FIELDS.contains(field)) {
                problems.put(field, message);
            }
        });
        return new QuoteForm(Collections.unmodifiableMap(known), Collections.unmodifiableMap(problems));
    }

    public static QuoteForm of(Map<String, String> values) {
        return of(values, Map.of());
    }

    /** The field's text, trimmed; empty when absent or blank. */
    public Optional<String> text(String field) {
        String value = values.get(field);
        if (value == null) {
            return Optional.empty();
        }
        String trimmed = value.strip();
        return trimmed.isEmpty() ? Optional.empty() : Optional.of(trimmed);
    }

    /** Fields whose value was not text (a JSON array or object). */
    public Map<String, String> notText() {
        return notText;
    }

    /** Whether a bot filled the hidden {@code website} field. */
    public boolean honeypotFilled() {
        return text(WEBSITE).isPresent() || notText.containsKey(WEBSITE);
    }
}
