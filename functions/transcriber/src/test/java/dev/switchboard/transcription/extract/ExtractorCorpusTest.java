package dev.switchboard.transcription.extract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.shared.pricing.PriceTable;
import dev.switchboard.shared.testing.TwilioEvents;
import dev.switchboard.transcription.Speaker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs the extractor over every transcript in {@code src/test/resources/corpus/} and measures precision and
 * recall per field against the fields a person wrote down for each transcript. Two sets are measured apart:
 * the development set ({@code corpus/*.json}, which the rules were written against) and the held-out set
 * ({@code corpus/holdout/*.json}, written after the rules and never tuned on, so its figures are the honest
 * estimate). Prints both tables (and writes them to {@code target/extractor-metrics.md}); fails if any
 * field's F1 in either set is below the figure recorded in {@code docs/transcription.md}. After a
 * deliberate change, {@code -Dextractor.updateDoc=true} writes the measured tables into the document.
 *
 * <p>Scoring: a field found with the expected value is a true positive; a field found with another value,
 * or found where none was expected, a false positive; an expected field not found (or found wrong) a false
 * negative. Urgency is scored term by term.
 */
class ExtractorCorpusTest {

    /** The corpus is scored as of a fixed year, so the figures never drift with the calendar. */
    static final int CORPUS_YEAR = 2026;
    static final List<String> SETS = List.of("development", "held-out");
    static final ObjectMapper JSON = new ObjectMapper();

    record Counts(int expected, int found, int correct) {
        double precision() {
            return found == 0 ? 1.0 : (double) correct / found;
        }

        double recall() {
            return expected == 0 ? 1.0 : (double) correct / expected;
        }

        double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
    }

    @Test
    void everyFieldKeepsTheF1RecordedInTheDocs() throws IOException {
        Path root = TwilioEvents.projectRoot();
        Path corpus = root.resolve("functions/transcriber/src/test/resources/corpus");
        Map<String, Path> dirs = Map.of("development", corpus, "held-out", corpus.resolve("holdout"));
        Path doc = root.resolve("docs/transcription.md");
        StringBuilder report = new StringBuilder();
        int total = 0;
        Map<String, Map<String, Counts>> measuredBySet = new LinkedHashMap<>();
        for (String set : SETS) {
            List<Path> files;
            try (Stream<Path> list = Files.list(dirs.get(set))) {
                files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            }
            total += files.size();
            List<String> misses = new ArrayList<>();
            Map<String, Counts> measured = measure(files, misses);
            measuredBySet.put(set, measured);
            String table = table(measured, files.size());
            System.out.println("Extractor corpus, " + set + " set:\n" + table);
            misses.forEach(m -> System.out.println("  miss: " + m));
            report.append("## ").append(set).append("\n\n").append(table).append("\nMisses:\n")
                    .append(String.join("\n", misses)).append("\n\n");
            if (Boolean.getBoolean("extractor.updateDoc")) {
                writeTable(doc, set, table);
            }
        }
        assertThat(total).as("corpus transcripts").isGreaterThanOrEqualTo(30);
        Path target = root.resolve("functions/transcriber/target");
        Files.createDirectories(target);
        Files.writeString(target.resolve("extractor-metrics.md"), report.toString(), StandardCharsets.UTF_8);

        for (String set : SETS) {
            Map<String, Double> recorded = recordedF1(doc, set);
            for (String field : Extraction.FIELDS) {
                assertThat(recorded).as("docs/transcription.md records the " + set + " F1 of " + field).containsKey(field);
                double f1 = round(measuredBySet.get(set).get(field).f1());
                assertThat(f1).as(set + " F1 of " + field + " (recorded in docs/transcription.md: "
                        + recorded.get(field) + "); the misses are in target/extractor-metrics.md")
                        .isGreaterThanOrEqualTo(recorded.get(field));
                if (f1 > recorded.get(field)) {
                    System.out.println("NOTE: " + set + " " + field + " improved to " + f1
                            + "; record it with -Dextractor.updateDoc=true");
                }
            }
        }
    }

    private static Map<String, Counts> measure(List<Path> files, List<String> misses) throws IOException {
        Map<String, int[]> tally = new LinkedHashMap<>();
        Extraction.FIELDS.forEach(f -> tally.put(f, new int[3]));
        LeadExtractor extractor = LeadExtractor.bundled(PriceTable.defaults(), CORPUS_YEAR);
        for (Path file : files) {
            JsonNode doc = JSON.readTree(file.toFile());
            List<Utterance> utterances = new ArrayList<>();
            doc.path("sentences").forEach(s -> utterances.add(
                    new Utterance(Speaker.fromId(s.path("speaker").asText()), s.path("text").asText())));
            Extraction got = extractor.extract(utterances, LeadExtractor.areaCodeOf(doc.path("line").asText()));
            JsonNode expected = doc.path("expected");
            Map<String, Optional<String>> single = Map.of(
                    Extraction.NAME, got.name().map(ExtractedField::value),
                    Extraction.CALLBACK_NUMBER, got.callbackNumber().map(ExtractedField::value),
                    Extraction.VEHICLE_YEAR, got.vehicleYear().map(ExtractedField::value),
                    Extraction.VEHICLE_MAKE, got.vehicleMake().map(ExtractedField::value),
                    Extraction.VEHICLE_MODEL, got.vehicleModel().map(ExtractedField::value),
                    Extraction.SERVICE, got.service().map(ExtractedField::value));
            for (String field : Extraction.FIELDS) {
                int[] t = tally.get(field);
                if (field.equals(Extraction.URGENCY)) {
                    Set<String> want = new LinkedHashSet<>();
                    expected.path(field).forEach(u -> want.add(u.asText()));
                    Set<String> have = new LinkedHashSet<>(got.urgencyTerms());
                    Set<String> hit = new LinkedHashSet<>(have);
                    hit.retainAll(want);
                    t[0] += want.size();
                    t[1] += have.size();
                    t[2] += hit.size();
                    if (!want.equals(have)) {
                        misses.add(file.getFileName() + " urgency: expected " + want + ", got " + have);
                    }
                    continue;
                }
                Optional<String> want = Optional.ofNullable(expected.get(field)).map(JsonNode::asText);
                Optional<String> have = single.get(field);
                boolean equal = want.isPresent() && have.isPresent() && same(want.get(), have.get());
                t[0] += want.isPresent() ? 1 : 0;
                t[1] += have.isPresent() ? 1 : 0;
                t[2] += equal ? 1 : 0;
                if (!equal && (want.isPresent() || have.isPresent())) {
                    misses.add(file.getFileName() + " " + field + ": expected " + want.orElse("-") + ", got "
                            + have.orElse("-"));
                }
            }
        }
        Map<String, Counts> measured = new LinkedHashMap<>();
        tally.forEach((field, t) -> measured.put(field, new Counts(t[0], t[1], t[2])));
        return measured;
    }

    static boolean same(String expected, String actual) {
        return expected.trim().toLowerCase(Locale.ROOT).equals(actual.trim().toLowerCase(Locale.ROOT));
    }

    static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    static String table(Map<String, Counts> measured, int transcripts) {
        StringBuilder out = new StringBuilder();
        out.append("Measured on ").append(transcripts).append(" transcripts.\n\n");
        out.append("| Field | Expected | Found | Correct | Precision | Recall | F1 |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|\n");
        measured.forEach((field, c) -> out.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %.3f | %.3f | %.3f |%n",
                field, c.expected(), c.found(), c.correct(), c.precision(), c.recall(), c.f1())));
        return out.toString();
    }

    static String begin(String set) {
        return "<!-- extractor-metrics:" + set + ":begin -->";
    }

    static String end(String set) {
        return "<!-- extractor-metrics:" + set + ":end -->";
    }

    static Map<String, Double> recordedF1(Path doc, String set) throws IOException {
        Map<String, Double> f1 = new LinkedHashMap<>();
        if (!Files.exists(doc)) {
            return f1;
        }
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        int begin = text.indexOf(begin(set));
        int end = text.indexOf(end(set));
        if (begin < 0 || end < begin) {
            return f1;
        }
        Pattern row = Pattern.compile("^\\|\\s*(\\w+)\\s*\\|.*\\|\\s*([0-9.]+)\\s*\\|\\s*$", Pattern.MULTILINE);
        Matcher m = row.matcher(text.substring(begin, end));
        while (m.find()) {
            f1.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        return f1;
    }

    static void writeTable(Path doc, String set, String table) throws IOException {
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        int begin = text.indexOf(begin(set));
        int end = text.indexOf(end(set));
        if (begin < 0 || end < begin) {
            throw new IllegalStateException(doc + " has no " + begin(set) + " ... " + end(set) + " block");
        }
        Files.writeString(doc, text.substring(0, begin + begin(set).length()) + "\n" + table + text.substring(end),
                StandardCharsets.UTF_8);
    }
}
