package dev.switchboard.crm;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.switchboard.crm.rukovoditel.PhpQuery;
import dev.switchboard.shared.logging.PhoneMask;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes a CRM's raw answer fit for a log line or a DLQ attribute: every credential removed (as sent, as
 * URL-encoded and as JSON-escaped, since a server may echo the request back), phone numbers masked,
 * whitespace folded and the length capped.
 */
public final class Redactor {

    public static final String REDACTED = "[redacted]";
    private static final Pattern PHONE = Pattern.compile("(?:\\+|%2B)[1-9][0-9]{6,14}");
    private static final int MAX_CHARS = 400;

    private final List<String> secretForms;

    public Redactor(List<String> secrets) {
        List<String> forms = new ArrayList<>();
        for (String secret : secrets) {
            if (secret == null || secret.isEmpty()) {
                continue;
            }
            forms.add(secret);
            forms.add(PhpQuery.urlencode(secret));
            forms.add(URLEncoder.encode(secret, StandardCharsets.UTF_8).replace("+", "%20"));
            forms.add(new String(JsonStringEncoder.getInstance().quoteAsString(secret)));
        }
        // Longest first, so that a secret containing another is removed whole.
        this.secretForms = forms.stream().filter(Objects::nonNull).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    /** Credentials removed and phone numbers masked, otherwise as is. */
    public String clean(String text) {
        if (text == null) {
            return "";
        }
        String cleaned = text;
        for (String form : secretForms) {
            cleaned = cleaned.replace(form, REDACTED);
        }
        Matcher phones = PHONE.matcher(cleaned);
        StringBuilder masked = new StringBuilder();
        while (phones.find()) {
            String found = phones.group();
            String phone = found.startsWith("%2B") ? "+" + found.substring(3) : found;
            phones.appendReplacement(masked, Matcher.quoteReplacement(PhoneMask.mask(phone)));
        }
        phones.appendTail(masked);
        return masked.toString();
    }

    /** {@link #clean}, on one line, at most a few hundred characters: for quoting a raw answer. */
    public String excerpt(String body) {
        String oneLine = clean(body).replaceAll("\\s+", " ").trim();
        if (oneLine.isEmpty()) {
            return "(empty body)";
        }
        return oneLine.length() <= MAX_CHARS ? oneLine : oneLine.substring(0, MAX_CHARS) + "…";
    }
}
