package dev.switchboard.transcription.extract;

import dev.switchboard.transcription.Speaker;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The caller's vehicle: make and model from the catalog ("2014 Honda Civic", "my Camry" → Toyota Camry,
 * "Chevy" → Chevrolet), and its year from the same sentence ("It's a Ford F-150, 2008") or from the answer
 * to "what year is it?". The caller's own sentences are read first; the business's only when the caller
 * named no vehicle (the owner often repeats it back: "so a 2012 Silverado?").
 */
final class VehicleFinder {

    /** A make and/or model named in one sentence. */
    private record Mention(int sentence, VehicleCatalog.Make make, VehicleCatalog.Model model, int start, int end) {
    }

    private final VehicleCatalog catalog;
    private final YearFinder years;

    VehicleFinder(VehicleCatalog catalog, int thisYear) {
        this.catalog = catalog;
        this.years = new YearFinder(thisYear);
    }

    /** Year, make and model (each optional), each with its sentence. */
    record Vehicle(Optional<ExtractedField> year, Optional<ExtractedField> make, Optional<ExtractedField> model) {
        static Vehicle none() {
            return new Vehicle(Optional.empty(), Optional.empty(), Optional.empty());
        }
    }

    Vehicle find(List<Utterance> utterances) {
        List<List<Tokens.Token>> tokens = new ArrayList<>();
        utterances.forEach(u -> tokens.add(Tokens.of(u.text())));
        Set<VehicleCatalog.Make> makesNamed = new LinkedHashSet<>();
        List<Mention> all = new ArrayList<>();
        for (int s = 0; s < utterances.size(); s++) {
            all.addAll(mentions(s, tokens.get(s)));
        }
        all.forEach(m -> {
            if (m.make() != null) {
                makesNamed.add(m.make());
            }
        });
        List<Mention> callers = all.stream().filter(m -> utterances.get(m.sentence()).fromCallerSide()).toList();
        List<Mention> pool = callers.isEmpty() ? all : callers;
        if (pool.isEmpty()) {
            return Vehicle.none();
        }
        Mention first = pool.get(0);
        VehicleCatalog.Make make = first.make();
        VehicleCatalog.Model model = first.model();
        Mention modelMention = model != null ? first : null;
        Mention makeMention = make != null ? first : null;
        // "My Ford ... it's the F-150": a later mention completes the first.
        for (Mention later : pool) {
            if (model == null && later.model() != null && (make == null || later.model().make().equals(make))) {
                model = later.model();
                modelMention = later;
            }
        }
        if (model != null && make == null) {
            make = model.make();
            makeMention = modelMention;
        }
        Mention anchor = modelMention != null ? modelMention : makeMention;
        Optional<ExtractedField> year = year(utterances, tokens, anchor);
        return new Vehicle(year,
                Optional.of(new ExtractedField(make.name(), utterances.get(makeMention.sentence()).text())),
                modelMention == null ? Optional.empty()
                        : Optional.of(new ExtractedField(model.name(), utterances.get(modelMention.sentence()).text())));
    }

    /** Makes and models in one sentence, a make right before its model counted once. */
    private List<Mention> mentions(int sentence, List<Tokens.Token> t) {
        List<Span> spans = spans(t);
        List<Mention> mentions = new ArrayList<>();
        for (int k = 0; k < spans.size(); k++) {
            Span span = spans.get(k);
            Optional<VehicleCatalog.Make> make = span.entries().stream().filter(e -> e.model() == null)
                    .map(VehicleCatalog.Entry::make).findFirst();
            if (make.isPresent() && k + 1 < spans.size() && spans.get(k + 1).start() == span.end()) {
                Span next = spans.get(k + 1);
                Optional<VehicleCatalog.Model> model = next.entries().stream()
                        .filter(e -> e.model() != null && e.make().equals(make.get()))
                        .map(VehicleCatalog.Entry::model)
                        .filter(m -> !m.upper() || allUpper(t, next))
                        .findFirst();
                if (model.isPresent()) {
                    mentions.add(new Mention(sentence, make.get(), model.get(), span.start(), next.end()));
                    k++;
                    continue;
                }
            }
            Optional<VehicleCatalog.Model> model = span.entries().stream()
                    .filter(e -> e.model() != null)
                    .map(VehicleCatalog.Entry::model)
                    .filter(m -> standalone(m, t, span, spans))
                    .findFirst();
            if (model.isPresent()) {
                mentions.add(new Mention(sentence, null, model.get(), span.start(), span.end()));
            } else if (make.isPresent()) {
                mentions.add(new Mention(sentence, make.get(), null, span.start(), span.end()));
            }
        }
        return mentions;
    }

    /** A model named without its make right before it: everyday words need a capital or their make nearby. */
    private static boolean standalone(VehicleCatalog.Model model, List<Tokens.Token> t, Span span, List<Span> spans) {
        if (model.upper() && !allUpper(t, span)) {
            return false;
        }
        if (!model.ambiguous()) {
            return true;
        }
        Tokens.Token first = t.get(span.start());
        if (first.digits()) {
            return false;
        }
        boolean makeInSentence = spans.stream().anyMatch(s -> s.entries().stream()
                .anyMatch(e -> e.model() == null && e.make().equals(model.make())));
        return makeInSentence || (first.capitalized() && !first.sentenceInitial());
    }

    private static boolean allUpper(List<Tokens.Token> t, Span span) {
        for (int i = span.start(); i < span.end(); i++) {
            if (!t.get(i).digits() && !t.get(i).allUpper()) {
                return false;
            }
        }
        return true;
    }

    /** A run of tokens that the catalog knows, longest first, left to right. */
    private record Span(int start, int end, List<VehicleCatalog.Entry> entries) {
    }

    private List<Span> spans(List<Tokens.Token> t) {
        List<Span> spans = new ArrayList<>();
        int i = 0;
        while (i < t.size()) {
            Span found = null;
            for (int length = Math.min(catalog.longestPhrase(), t.size() - i); length >= 1 && found == null; length--) {
                List<String> phrase = new ArrayList<>();
                boolean joined = true;
                for (int j = i; j < i + length; j++) {
                    phrase.add(t.get(j).norm());
                    // A phrase never runs across a comma or a full stop ("a Honda, Civic" is two mentions).
                    joined &= j == i || t.get(j).gapBefore().matches("[\\s\\-/]*");
                }
                List<VehicleCatalog.Entry> entries = catalog.lookup(phrase);
                if (joined && !entries.isEmpty()) {
                    found = new Span(i, i + length, entries);
                }
            }
            if (found != null) {
                spans.add(found);
                i = found.end();
            } else {
                i++;
            }
        }
        return spans;
    }

    /**
     * The model year: in the vehicle's own sentence, the nearest year (a short form only right before the
     * vehicle); else a year said within two sentences after it by the caller, or in answer to "what year".
     */
    private Optional<ExtractedField> year(List<Utterance> utterances, List<List<Tokens.Token>> tokens, Mention anchor) {
        List<YearFinder.YearMention> own = years.find(tokens.get(anchor.sentence()));
        YearFinder.YearMention best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (YearFinder.YearMention y : own) {
            int distance;
            if (y.end() <= anchor.start()) {
                int between = anchor.start() - y.end();
                if (y.shortForm() && between > 0) {
                    continue;
                }
                distance = between;
            } else if (y.start() >= anchor.end()) {
                if (y.shortForm()) {
                    continue;
                }
                distance = y.start() - anchor.end() + 1;
            } else {
                continue;
            }
            if (distance < bestDistance) {
                best = y;
                bestDistance = distance;
            }
        }
        if (best != null) {
            return Optional.of(new ExtractedField(String.valueOf(best.year()), utterances.get(anchor.sentence()).text()));
        }
        for (int s = 0; s < utterances.size(); s++) {
            if (s == anchor.sentence() || !utterances.get(s).fromCallerSide()) {
                continue;
            }
            boolean afterVehicle = s > anchor.sentence() && s <= anchor.sentence() + 2;
            boolean answersYearQuestion = s > 0 && asksYear(utterances.get(s - 1));
            if (!afterVehicle && !answersYearQuestion) {
                continue;
            }
            List<Tokens.Token> t = tokens.get(s);
            for (YearFinder.YearMention y : years.find(t)) {
                // Alone, a short form ("oh nine") or a bare number is a year only as the answer to the question.
                boolean shortAnswer = t.size() <= 4;
                if ((!y.shortForm() && (shortAnswer || answersYearQuestion || mentionsYear(t)))
                        || (y.shortForm() && answersYearQuestion && shortAnswer)) {
                    return Optional.of(new ExtractedField(String.valueOf(y.year()), utterances.get(s).text()));
                }
            }
        }
        return Optional.empty();
    }

    private static boolean asksYear(Utterance utterance) {
        return utterance.speaker() != Speaker.CALLER && Tokens.of(utterance.text()).stream()
                .anyMatch(t -> t.norm().equals("year"));
    }

    private static boolean mentionsYear(List<Tokens.Token> t) {
        return t.stream().anyMatch(x -> x.norm().equals("year") || x.norm().equals("model"));
    }
}
