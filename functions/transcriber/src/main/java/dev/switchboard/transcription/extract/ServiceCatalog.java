package dev.switchboard.transcription.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.shared.pricing.PriceTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The phrases that name each service of the quote price table in speech: the table's own names and
 * aliases (so a call is priced exactly like a web quote), plus the spoken phrases in
 * {@code service-phrases.json}; minus aliases too loose for speech; and phrases that look like a service but
 * are not ("battery light", "glow plugs") and hide the alias inside them.
 */
public final class ServiceCatalog {

    private static final String RESOURCE = "service-phrases.json";

    /** A phrase's meaning: a price table service name, or empty for a phrase that names no service. */
    private final Map<List<String>, Optional<String>> byPhrase;
    private final int longestPhrase;

    private ServiceCatalog(Map<List<String>, Optional<String>> byPhrase) {
        this.byPhrase = Map.copyOf(byPhrase);
        this.longestPhrase = byPhrase.keySet().stream().mapToInt(List::size).max().orElse(1);
    }

    /** The bundled spoken phrases over {@code prices}. Throws when a phrase names a service the table lacks. */
    public static ServiceCatalog forPriceTable(PriceTable prices) {
        try (InputStream in = ServiceCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar");
            }
            return build(prices, new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ServiceCatalog build(PriceTable prices, JsonNode phrases) {
        Set<List<String>> ignored = new HashSet<>();
        phrases.path("ignoredAliases").forEach(a -> ignored.add(Tokens.words(a.asText())));
        Map<List<String>, Optional<String>> byPhrase = new HashMap<>();
        for (PriceTable.Service service : prices.services()) {
            put(byPhrase, Tokens.words(service.name()), service.name());
            for (String alias : service.aliases()) {
                List<String> words = Tokens.words(alias);
                if (!ignored.contains(words)) {
                    put(byPhrase, words, service.name());
                }
            }
        }
        phrases.path("phrases").fields().forEachRemaining(entry -> {
            String service = prices.find(entry.getKey()).map(PriceTable.Service::name).orElseThrow(() ->
                    new IllegalStateException(RESOURCE + " maps phrases to '" + entry.getKey()
                            + "', which is not a service in the price table"));
            entry.getValue().forEach(p -> put(byPhrase, Tokens.words(p.asText()), service));
        });
        phrases.path("notServices").forEach(p -> byPhrase.put(Tokens.words(p.asText()), Optional.empty()));
        return new ServiceCatalog(byPhrase);
    }

    private static void put(Map<List<String>, Optional<String>> byPhrase, List<String> words, String service) {
        if (!words.isEmpty()) {
            byPhrase.putIfAbsent(words, Optional.of(service.toLowerCase(Locale.ROOT)));
        }
    }

    /** Null when the phrase is unknown; empty when it is known to name no service. */
    Optional<String> lookup(List<String> phrase) {
        return byPhrase.get(phrase);
    }

    int longestPhrase() {
        return longestPhrase;
    }
}
