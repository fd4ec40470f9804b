package dev.switchboard.transcription.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The service the caller asks for, as a price table service name. Every mention in the caller's sentences
 * is scored: asked for ("I need a jump start", "how much is an oil change") scores higher than merely
 * named; a guess ("I think it's the starter") a little higher; ruled out ("I had the battery tested and
 * it's fine", "not the alternator") drops out. The best wins; on a tie, the first said.
 */
final class ServiceFinder {

    private static final Set<String> ASKING = Set.of("need", "needs", "needed", "needing", "want", "wants",
            "wanted", "get", "getting", "replace", "replacing", "schedule", "book", "booking", "price", "much",
            "quote", "cost", "do", "done", "looking", "fix", "fixing", "check", "change", "changed", "recharge",
            "rotate", "new", "like", "interested", "charge", "estimate");
    private static final Set<String> GUESSING = Set.of("think", "probably", "maybe", "might", "sounds", "guess",
            "said", "says", "suspect");
    private static final Set<String> RULED_OUT_BEFORE = Set.of("not", "isnt", "wasnt", "already", "never", "no");
    private static final Set<String> RULED_OUT_AFTER = Set.of("fine", "good", "ok", "okay", "tested", "works",
            "working", "checks");

    private final ServiceCatalog catalog;

    ServiceFinder(ServiceCatalog catalog) {
        this.catalog = catalog;
    }

    private record Candidate(String service, int score, int order, String sentence) {
    }

    Optional<ExtractedField> find(List<Utterance> utterances) {
        List<Candidate> candidates = new ArrayList<>();
        int order = 0;
        for (Utterance u : utterances) {
            if (!u.fromCallerSide()) {
                continue;
            }
            List<Tokens.Token> t = Tokens.of(u.text());
            int i = 0;
            while (i < t.size()) {
                int matched = 0;
                Optional<String> service = Optional.empty();
                for (int length = Math.min(catalog.longestPhrase(), t.size() - i); length >= 1; length--) {
                    List<String> phrase = new ArrayList<>();
                    for (int j = i; j < i + length; j++) {
                        phrase.add(t.get(j).norm());
                    }
                    Optional<String> found = catalog.lookup(phrase);
                    if (found != null) {
                        matched = length;
                        service = found;
                        break;
                    }
                }
                if (matched == 0) {
                    i++;
                    continue;
                }
                if (service.isPresent()) {
                    candidates.add(new Candidate(service.get(), score(t, i, i + matched), order++, u.text()));
                }
                i += matched;
            }
        }
        return candidates.stream()
                .filter(c -> c.score() > 0)
                .max((a, b) -> a.score() != b.score() ? Integer.compare(a.score(), b.score())
                        : Integer.compare(b.order(), a.order()))
                .map(c -> new ExtractedField(c.service(), c.sentence()));
    }

    private static int score(List<Tokens.Token> t, int start, int end) {
        int score = 1;
        boolean asking = false;
        boolean guessing = false;
        // The phrase's own words count too: "need a jump" asks for a jump start.
        for (int k = Math.max(0, start - 6); k < end; k++) {
            asking |= ASKING.contains(t.get(k).norm());
            guessing |= GUESSING.contains(t.get(k).norm());
        }
        boolean ruledOut = false;
        for (int k = Math.max(0, start - 3); k < start; k++) {
            ruledOut |= RULED_OUT_BEFORE.contains(t.get(k).norm());
        }
        for (int k = end; k < Math.min(t.size(), end + 4); k++) {
            ruledOut |= RULED_OUT_AFTER.contains(t.get(k).norm());
        }
        if (asking) {
            score += 2;
        }
        if (guessing) {
            score += 1;
        }
        if (ruledOut) {
            score -= 3;
        }
        return score;
    }
}
