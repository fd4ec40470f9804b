package dev.switchboard.transcription.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The makes and models the extractor knows ({@code vehicles.json} next to this class), indexed by every
 * way they are written or said: "CR-V", "CRV" and "CR V" are one model; "Chevy" is Chevrolet.
 */
public final class VehicleCatalog {

    private static final String RESOURCE = "vehicles.json";

    /** A make, e.g. Chevrolet. */
    public record Make(String name) {
    }

    /**
     * A model of a make.
     *
     * @param ambiguous an everyday word or a place ("Focus", "Tahoe"): only counted right after its make, or
     *                  written with a capital inside a sentence
     * @param upper     only counted when written in capitals (Lexus "IS" is not "is")
     */
    public record Model(Make make, String name, boolean ambiguous, boolean upper) {
    }

    /** What a phrase can stand for: a make, or models (one phrase can name models of several makes). */
    record Entry(Make make, Model model) {
    }

    private final Map<List<String>, List<Entry>> byPhrase;
    private final Map<String, Make> makes;
    private final int longestPhrase;
    private final Set<String> words;

    private VehicleCatalog(Map<List<String>, List<Entry>> byPhrase, Map<String, Make> makes, Set<String> words) {
        this.byPhrase = Map.copyOf(byPhrase);
        this.makes = Map.copyOf(makes);
        this.longestPhrase = byPhrase.keySet().stream().mapToInt(List::size).max().orElse(1);
        this.words = Set.copyOf(words);
    }

    /** The catalog bundled with the transcriber. */
    public static VehicleCatalog bundled() {
        try (InputStream in = VehicleCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar");
            }
            return parse(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static VehicleCatalog parse(JsonNode root) {
        Map<List<String>, List<Entry>> byPhrase = new HashMap<>();
        Map<String, Make> makes = new HashMap<>();
        Set<String> words = new HashSet<>();
        for (JsonNode makeNode : root.path("makes")) {
            Make make = new Make(makeNode.path("name").asText());
            makes.put(make.name(), make);
            List<String> makeForms = new ArrayList<>(List.of(make.name()));
            makeNode.path("aliases").forEach(a -> makeForms.add(a.asText()));
            for (List<String> phrase : variants(makeForms)) {
                add(byPhrase, phrase, new Entry(make, null));
                words.addAll(phrase);
            }
            for (JsonNode modelNode : makeNode.path("models")) {
                boolean simple = modelNode.isTextual();
                String name = simple ? modelNode.asText() : modelNode.path("name").asText();
                Model model = new Model(make, name, !simple && modelNode.path("ambiguous").asBoolean(false),
                        !simple && modelNode.path("upper").asBoolean(false));
                List<String> forms = new ArrayList<>(List.of(name));
                if (!simple) {
                    modelNode.path("aliases").forEach(a -> forms.add(a.asText()));
                }
                for (List<String> phrase : variants(forms)) {
                    add(byPhrase, phrase, new Entry(make, model));
                    if (!model.ambiguous() && !model.upper()) {
                        words.addAll(phrase);
                    }
                }
            }
        }
        return new VehicleCatalog(byPhrase, makes, words);
    }

    private static void add(Map<List<String>, List<Entry>> byPhrase, List<String> phrase, Entry entry) {
        List<Entry> entries = byPhrase.computeIfAbsent(phrase, k -> new ArrayList<>());
        if (!entries.contains(entry)) {
            entries.add(entry);
        }
    }

    /**
     * Every spelling of the given forms: as written ("CR-V" → cr v), run together (crv), and split between
     * letters and digits (RAV4 → rav 4, F150 → f 150).
     */
    static Set<List<String>> variants(List<String> forms) {
        Set<List<String>> variants = new LinkedHashSet<>();
        for (String form : forms) {
            List<String> words = Tokens.words(form);
            if (words.isEmpty()) {
                continue;
            }
            variants.add(words);
            variants.add(List.of(String.join("", words)));
            List<String> split = new ArrayList<>();
            for (String word : words) {
                split.addAll(List.of(word.split("(?<=\\p{L})(?=\\p{N})|(?<=\\p{N})(?=\\p{L})")));
            }
            variants.add(split);
        }
        return variants;
    }

    List<Entry> lookup(List<String> phrase) {
        return byPhrase.getOrDefault(phrase, List.of());
    }

    int longestPhrase() {
        return longestPhrase;
    }

    /** Single words that are unambiguously part of a make or model name (never a person's name). */
    Set<String> words() {
        return words;
    }

    public Set<String> makeNames() {
        return makes.keySet();
    }
}
