package dev.switchboard.shared.pricing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.shared.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Year;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The shop's prices: a base price per service (found by its name or any alias, ignoring case and
 * punctuation), adjusted for the engine (per-service or general) and the vehicle's age. Money is
 * {@link BigDecimal} with two decimals throughout. Ships as {@code price-table.json}; a deployment can
 * replace it (see the quote function's {@code PRICE_TABLE} / {@code PRICE_TABLE_S3_URI}).
 */
public final class PriceTable {

    private static final String DEFAULT_RESOURCE = "/dev/switchboard/shared/pricing/price-table.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One service: canonical name, label, base price, aliases, and engine adjustments specific to it. */
    public record Service(String name, String label, BigDecimal base, List<String> aliases,
                          Map<String, Optional<BigDecimal>> engine) {
    }

    private record AgeRule(int olderThanYears, BigDecimal amount) {
    }

    private final String currency;
    private final Map<String, Service> byKey;
    private final List<Service> services;
    private final Map<String, BigDecimal> engine;
    private final List<AgeRule> age;

    private PriceTable(String currency, List<Service> services, Map<String, BigDecimal> engine, List<AgeRule> age) {
        this.currency = currency;
        this.services = List.copyOf(services);
        this.engine = Map.copyOf(engine);
        this.age = List.copyOf(age);
        Map<String, Service> keys = new LinkedHashMap<>();
        for (Service service : services) {
            keys.put(normalize(service.name()), service);
            for (String alias : service.aliases()) {
                keys.putIfAbsent(normalize(alias), service);
            }
        }
        this.byKey = Map.copyOf(keys);
    }

    /** The table shipped with Switchboard. */
    public static PriceTable defaults() {
        try (InputStream in = PriceTable.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("price-table.json is missing from the jar");
            }
            return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), "price-table.json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a price table; {@code source} names it in error messages. */
    public static PriceTable parse(String json, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new ConfigException(source + " is not valid JSON");
        }
        if (root == null || !root.path("services").isObject()) {
            throw new ConfigException(source + " needs a \"services\" object");
        }
        List<Service> services = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = root.get("services").fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> entry = fields.next();
            JsonNode node = entry.getValue();
            String name = entry.getKey().trim().toLowerCase(Locale.ROOT);
            List<String> aliases = new ArrayList<>();
            node.path("aliases").forEach(a -> aliases.add(a.asText()));
            Map<String, Optional<BigDecimal>> engine = new LinkedHashMap<>();
            node.path("engine").fields().forEachRemaining(e -> engine.put(e.getKey(),
                    e.getValue().isNull() ? Optional.empty() : Optional.of(money(source, e.getValue()))));
            services.add(new Service(name, node.path("label").asText(name), money(source + " " + name, node.get("base")),
                    List.copyOf(aliases), engine));
        }
        Map<String, BigDecimal> engine = new LinkedHashMap<>();
        root.path("engine").fields().forEachRemaining(e -> engine.put(e.getKey(), money(source, e.getValue())));
        List<AgeRule> age = new ArrayList<>();
        root.path("age").forEach(rule -> age.add(new AgeRule(rule.path("olderThanYears").asInt(),
                money(source, rule.get("amount")))));
        age.sort(Comparator.comparingInt(AgeRule::olderThanYears));
        return new PriceTable(root.path("currency").asText("USD"), services, engine, age);
    }

    public List<Service> services() {
        return services;
    }

    public String currency() {
        return currency;
    }

    /** The service a name or alias stands for ("Oil Change", "oil-change" -> oil change). */
    public Optional<Service> find(String serviceText) {
        if (serviceText == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(byKey.get(normalize(serviceText)));
    }

    /**
     * Prices a job. Unknown service: no amount and a message that someone will call.
     *
     * @param year   model year, or null
     * @param engineText what the customer wrote ("4-cylinder", "V6 3.5L", "diesel"), or null
     */
    public Estimate estimate(String serviceText, Integer year, String engineText, Year thisYear) {
        Optional<Service> found = find(serviceText);
        if (found.isEmpty()) {
            String asked = serviceText == null ? "" : serviceText.trim();
            return new Estimate(Optional.empty(), asked, false, currency,
                    "We'll call you with a price for " + (asked.isEmpty() ? "that job" : asked) + ".");
        }
        Service service = found.get();
        BigDecimal amount = service.base();
        Optional<String> kind = engineKind(engineText);
        if (kind.isPresent()) {
            Optional<BigDecimal> specific = service.engine().get(kind.get());
            if (service.engine().containsKey(kind.get())) {
                if (specific.isEmpty()) {
                    return new Estimate(Optional.empty(), service.name(), true, currency,
                            "We'll call you with a price for " + service.label().toLowerCase(Locale.ROOT)
                                    + " on that engine.");
                }
                amount = amount.add(specific.get());
            } else {
                amount = amount.add(engine.getOrDefault(kind.get(), BigDecimal.ZERO));
            }
        }
        if (year != null) {
            int vehicleAge = thisYear.getValue() - year;
            BigDecimal ageAmount = BigDecimal.ZERO;
            for (AgeRule rule : age) {
                if (vehicleAge > rule.olderThanYears()) {
                    ageAmount = rule.amount();
                }
            }
            amount = amount.add(ageAmount);
        }
        amount = amount.setScale(2, RoundingMode.HALF_UP);
        return new Estimate(Optional.of(amount), service.name(), true, currency,
                service.label() + ": estimated $" + amount.toPlainString());
    }

    /** The engine adjustment key a description falls under, if any. */
    static Optional<String> engineKind(String engineText) {
        if (engineText == null || engineText.isBlank()) {
            return Optional.empty();
        }
        String e = " " + normalize(engineText) + " ";
        if (e.contains("diesel") || e.contains(" tdi ") || e.contains("duramax") || e.contains("powerstroke")
                || e.contains("cummins")) {
            return Optional.of("diesel");
        }
        if (e.contains("electric") || e.contains(" ev ")) {
            return Optional.of("electric");
        }
        if (e.contains("hybrid")) {
            return Optional.of("hybrid");
        }
        if (e.contains(" v8 ") || e.contains(" 8 cyl") || e.contains(" 8cyl") || e.contains(" eight ")) {
            return Optional.of("v8");
        }
        if (e.contains(" v6 ") || e.contains(" 6 cyl") || e.contains(" 6cyl") || e.contains(" six ")
                || e.contains(" i6 ")) {
            return Optional.of("v6");
        }
        if (e.contains(" 4 cyl") || e.contains(" 4cyl") || e.contains(" i4 ") || e.contains(" four ")
                || e.contains(" 4 cylinder") || e.contains(" l4 ")) {
            return Optional.of("4-cylinder");
        }
        return Optional.empty();
    }

    /** Lower case, punctuation to spaces, single spaces: "Oil-Change!" -> "oil change". */
    public static String normalize(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").trim();
    }

    private static BigDecimal money(String where, JsonNode node) {
        if (node == null || node.isNull() || node.asText().isBlank()) {
            throw new ConfigException(where + ": a price is missing");
        }
        try {
            BigDecimal value = new BigDecimal(node.asText());
            if (value.signum() < 0) {
                throw new ConfigException(where + ": prices cannot be negative");
            }
            return value.setScale(2, RoundingMode.HALF_UP);
        } catch (NumberFormatException e) {
            throw new ConfigException(where + ": '" + node.asText() + "' is not an amount");
        }
    }
}
