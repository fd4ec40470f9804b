package dev.switchboard.notify;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.shared.http.HttpUrls;
import dev.switchboard.shared.phone.PhoneNumbers;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Reads and checks a {@code POST /api/notify} body: every error is collected under the field's name
 * ({@code "to"}, {@code "vars.total"}, {@code "appointment.at"}), unknown fields and wrong types included,
 * and a refused request has written nothing. Money is read as a decimal (never a float); phone numbers
 * through libphonenumber.
 */
public final class NotifyRequestReader {

    static final Set<String> FIELDS = Set.of("to", "template", "vars", "appointment", "line", "idempotencyKey", "urgent");
    static final Set<String> APPOINTMENT_FIELDS = Set.of("id", "at", "address");
    static final Set<String> VARS = Set.of("customer", "mechanic", "eta", "total", "payment_url", "review_url", "body",
            "address");
    static final int MAX_VALUE_CHARS = 320;
    static final int MAX_BODY_CHARS = 1000;
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,200}");
    private static final Pattern APPOINTMENT_ID = Pattern.compile("[A-Za-z0-9._:#/+@-]{1,128}");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /** Either the request or what is wrong with it. */
    public record Result(Optional<NotifyRequest> request, Map<String, String> errors) {
        static Result invalid(Map<String, String> errors) {
            return new Result(Optional.empty(), Map.copyOf(errors));
        }
    }

    private final String region;
    private final Predicate<String> knownLine;

    /**
     * @param region    the default region for numbers written without a country code
     * @param knownLine whether a number is one of the business's lines in {@code LINES}
     */
    public NotifyRequestReader(String region, Predicate<String> knownLine) {
        this.region = region;
        this.knownLine = knownLine;
    }

    public Result read(String body) {
        Map<String, String> errors = new TreeMap<>();
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return Result.invalid(Map.of("body", "is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")"));
        }
        if (root == null || !root.isObject()) {
            return Result.invalid(Map.of("body", "must be a JSON object"));
        }
        root.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                errors.put(name, "is not a field of this API");
            }
        });
        String to = text(root, "to", errors, true, 40).flatMap(raw -> {
            Optional<String> phone = PhoneNumbers.possibleE164(raw, region);
            if (phone.isEmpty()) {
                errors.put("to", "is not a phone number we can text");
            }
            return phone;
        }).orElse(null);
        Template template = text(root, "template", errors, true, 40).flatMap(id -> {
            Optional<Template> t = Template.byId(id).filter(Template::requestable);
            if (t.isEmpty()) {
                errors.put("template", "is not one of " + String.join(", ", Template.requestableIds()));
            }
            return t;
        }).orElse(null);
        Optional<String> line = text(root, "line", errors, false, 40).flatMap(raw -> {
            Optional<String> number = PhoneNumbers.possibleE164(raw, region);
            if (number.isEmpty() || !knownLine.test(number.get())) {
                errors.put("line", "is not one of the business's numbers");
                return Optional.empty();
            }
            return number;
        });
        String key = text(root, "idempotencyKey", errors, true, 200).filter(k -> {
            if (!KEY.matcher(k).matches()) {
                errors.put("idempotencyKey", "must be 1 to 200 printable characters without spaces");
                return false;
            }
            return true;
        }).orElse(null);
        boolean urgent = false;
        JsonNode urgentNode = root.get("urgent");
        if (urgentNode != null && !urgentNode.isNull()) {
            if (!urgentNode.isBoolean()) {
                errors.put("urgent", "must be true or false");
            } else {
                urgent = urgentNode.booleanValue();
            }
        }
        Map<String, String> vars = vars(root.get("vars"), errors);
        Optional<NotifyRequest.Appointment> appointment = appointment(root.get("appointment"), errors);
        if (template != null) {
            if (template.aboutAppointment() && appointment.isEmpty()
                    && errors.keySet().stream().noneMatch(k -> k.startsWith("appointment"))) {
                errors.put("appointment", "is needed for " + template.id() + " ({\"id\": ..., \"at\": ...})");
            }
            if (template == Template.APPOINTMENT_CONFIRMED && appointment.isPresent()
                    && appointment.get().at().isEmpty()) {
                errors.put("appointment.at", "is needed for " + template.id());
            }
        }
        if (!errors.isEmpty()) {
            return Result.invalid(errors);
        }
        return new Result(Optional.of(new NotifyRequest(to, template, Map.copyOf(vars), appointment, line, key, urgent)),
                Map.of());
    }

    private static Optional<String> text(JsonNode root, String field, Map<String, String> errors, boolean required,
                                         int max) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                errors.put(field, "is required");
            }
            return Optional.empty();
        }
        if (!node.isTextual()) {
            errors.put(field, "must be a string");
            return Optional.empty();
        }
        String value = node.asText().strip();
        if (value.isEmpty()) {
            if (required) {
                errors.put(field, "is required");
            }
            return Optional.empty();
        }
        if (value.length() > max) {
            errors.put(field, "is longer than " + max + " characters");
            return Optional.empty();
        }
        return Optional.of(value);
    }

    private Map<String, String> vars(JsonNode node, Map<String, String> errors) {
        Map<String, String> vars = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return vars;
        }
        if (!node.isObject()) {
            errors.put("vars", "must be an object");
            return vars;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> entry = fields.next();
            String name = entry.getKey();
            String where = "vars." + name;
            JsonNode value = entry.getValue();
            if (!VARS.contains(name)) {
                errors.put(where, "is not a template value; known: " + String.join(", ", new java.util.TreeSet<>(VARS)));
                continue;
            }
            if (value == null || value.isNull()) {
                continue;
            }
            switch (name) {
                case "total" -> money(value, where, errors).ifPresent(v -> vars.put(name, v));
                case "eta" -> {
                    if (value.isIntegralNumber() && value.canConvertToInt() && value.intValue() > 0
                            && value.intValue() < 24 * 60) {
                        vars.put(name, value.intValue() + (value.intValue() == 1 ? " minute" : " minutes"));
                    } else if (value.isTextual() && !value.asText().isBlank() && value.asText().length() <= 60) {
                        vars.put(name, oneLine(value.asText()));
                    } else {
                        errors.put(where, "must be minutes (a whole number) or a short text like \"15 minutes\"");
                    }
                }
                case "payment_url", "review_url" -> {
                    if (!value.isTextual() || value.asText().strip().length() > 500
                            || HttpUrls.absolute(value.asText().strip()).isEmpty()) {
                        errors.put(where, "must be an absolute http(s) URL");
                    } else {
                        vars.put(name, value.asText().strip());
                    }
                }
                case "body" -> {
                    if (!value.isTextual()) {
                        errors.put(where, "must be a string");
                    } else if (value.asText().length() > MAX_BODY_CHARS) {
                        errors.put(where, "is longer than " + MAX_BODY_CHARS + " characters");
                    } else if (!value.asText().isBlank()) {
                        vars.put(name, value.asText().strip());
                    }
                }
                default -> {
                    if (!value.isTextual()) {
                        errors.put(where, "must be a string");
                    } else if (value.asText().length() > MAX_VALUE_CHARS) {
                        errors.put(where, "is longer than " + MAX_VALUE_CHARS + " characters");
                    } else if (!value.asText().isBlank()) {
                        vars.put(name, oneLine(value.asText()));
                    }
                }
            }
        }
        return vars;
    }

    /** A customer's name or an address: one line, single spaces. */
    private static String oneLine(String value) {
        return value.strip().replaceAll("\\s+", " ");
    }

    /** "$1,234.50" from a decimal string ("1234.5") or a JSON number read as a decimal, never a float. */
    static Optional<String> money(JsonNode value, String where, Map<String, String> errors) {
        BigDecimal amount = null;
        try {
            if (value.isTextual()) {
                String raw = value.asText().strip().replace(",", "");
                if (raw.startsWith("$")) {
                    raw = raw.substring(1);
                }
                if (raw.matches("\\d{1,9}(\\.\\d{1,2})?")) {
                    amount = new BigDecimal(raw);
                }
            } else if (value.isNumber()) {
                amount = value.decimalValue();
                if (amount.signum() < 0 || amount.scale() > 2 || amount.precision() - amount.scale() > 9) {
                    amount = null;
                }
            }
        } catch (NumberFormatException e) {
            amount = null;
        }
        if (amount == null) {
            errors.put(where, "must be an amount like \"49.99\" (at most 2 decimals)");
            return Optional.empty();
        }
        DecimalFormat format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.US));
        format.setParseBigDecimal(true);
        return Optional.of("$" + format.format(amount.setScale(2)));
    }

    private static Optional<NotifyRequest.Appointment> appointment(JsonNode node, Map<String, String> errors) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            errors.put("appointment", "must be an object like {\"id\": \"A-17\", \"at\": \"2026-12-11T10:30:00-05:00\"}");
            return Optional.empty();
        }
        Map<String, String> own = new TreeMap<>();
        node.fieldNames().forEachRemaining(name -> {
            if (!APPOINTMENT_FIELDS.contains(name)) {
                own.put(name, "is not a field of appointment");
            }
        });
        Optional<String> id = text(node, "id", own, true, 128);
        id.filter(v -> !APPOINTMENT_ID.matcher(v).matches())
                .ifPresent(v -> own.put("id", "may hold letters, digits and . _ : # / + @ - only"));
        Optional<OffsetDateTime> at = text(node, "at", own, false, 60).flatMap(raw -> {
            try {
                return Optional.of(OffsetDateTime.parse(raw));
            } catch (DateTimeParseException e) {
                own.put("at", "must be an ISO-8601 date and time with its offset, like 2026-12-11T10:30:00-05:00");
                return Optional.empty();
            }
        });
        Optional<String> address = text(node, "address", own, false, MAX_VALUE_CHARS).map(NotifyRequestReader::oneLine);
        if (!own.isEmpty()) {
            own.forEach((field, message) -> errors.put("appointment." + field, message));
            return Optional.empty();
        }
        return Optional.of(new NotifyRequest.Appointment(id.orElseThrow(), at, address));
    }

}
