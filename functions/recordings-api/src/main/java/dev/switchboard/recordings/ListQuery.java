package dev.switchboard.recordings;

import dev.switchboard.shared.http.HttpProblem;
import dev.switchboard.shared.phone.PhoneNumbers;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /recordings} query parameters, checked. Plain rules, no I/O.
 * <ul>
 *   <li>{@code from}, {@code to}: a day ({@code 2026-11-23}, in the business's time zone; {@code to} includes
 *       the whole day) or an instant ({@code 2026-11-23T15:00:00Z}); default: everything;</li>
 *   <li>{@code number}: the caller or the called number (E.164, or a US number as people write it);</li>
 *   <li>{@code limit}: 1-100, default 25;</li>
 *   <li>{@code cursor}: the {@code nextCursor} of the previous page.</li>
 * </ul>
 * Unknown parameters are a 400, so a typo never silently widens a listing.
 */
public record ListQuery(Instant from, Instant to, Optional<String> number, int limit, Optional<String> cursor) {

    public static final int DEFAULT_LIMIT = 25;
    public static final int MAX_LIMIT = 100;
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final Set<String> KNOWN = Set.of("from", "to", "number", "limit", "cursor");

    public static ListQuery parse(Map<String, String> params, ZoneId zone, Instant now) {
        for (String name : params.keySet()) {
            if (!KNOWN.contains(name)) {
                throw HttpProblem.badRequest("Unknown query parameter '" + name + "' (known: cursor, from, limit,"
                        + " number, to)");
            }
        }
        Instant from = Optional.ofNullable(params.get("from")).filter(v -> !v.isBlank())
                .map(v -> instant(v, zone, false, "from")).orElse(EARLIEST);
        Instant to = Optional.ofNullable(params.get("to")).filter(v -> !v.isBlank())
                .map(v -> instant(v, zone, true, "to")).orElse(now.plusSeconds(86_400));
        if (to.isBefore(from)) {
            throw HttpProblem.badRequest("'to' is before 'from'");
        }
        Optional<String> number = Optional.ofNullable(params.get("number")).filter(v -> !v.isBlank())
                .map(v -> PhoneNumbers.possibleE164(v, PhoneNumbers.DEFAULT_REGION)
                        .orElseThrow(() -> HttpProblem.badRequest("'number' is not a phone number")));
        int limit = Optional.ofNullable(params.get("limit")).filter(v -> !v.isBlank()).map(ListQuery::limit)
                .orElse(DEFAULT_LIMIT);
        Optional<String> cursor = Optional.ofNullable(params.get("cursor")).filter(v -> !v.isBlank());
        return new ListQuery(from, to, number, limit, cursor);
    }

    private static Instant instant(String raw, ZoneId zone, boolean endOfDay, String name) {
        String value = raw.trim();
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return endOfDay ? day.plusDays(1).atStartOfDay(zone).toInstant().minusMillis(1)
                        : day.atStartOfDay(zone).toInstant();
            }
            return Instant.parse(value);
        } catch (DateTimeException e) {
            throw HttpProblem.badRequest("'" + name + "' must be a date like 2026-11-23 or an instant like"
                    + " 2026-11-23T15:00:00Z");
        }
    }

    private static int limit(String raw) {
        try {
            int value = Integer.parseInt(raw.trim());
            if (value < 1 || value > MAX_LIMIT) {
                throw HttpProblem.badRequest("'limit' must be between 1 and " + MAX_LIMIT);
            }
            return value;
        } catch (NumberFormatException e) {
            throw HttpProblem.badRequest("'limit' must be a whole number");
        }
    }
}
