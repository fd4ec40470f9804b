package dev.switchboard.transcription.extract;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Words that tell the owner to call back first: a tow, a stranded caller, a car that won't start or broke
 * down, an accident, "emergency", "as soon as possible". Each term is reported once, with the first caller
 * sentence it was heard in. A negated mention ("it's not an emergency", "I don't need a tow") does not count.
 */
final class UrgencyFinder {

    public static final String TOW = "tow";
    public static final String STRANDED = "stranded";
    public static final String WONT_START = "won't start";
    public static final String BROKE_DOWN = "broke down";
    public static final String ACCIDENT = "accident";
    public static final String EMERGENCY = "emergency";
    public static final String ASAP = "asap";

    /** Term → phrases (normalised words: apostrophes dropped). Order = reporting order within a sentence. */
    private static final Map<String, List<String>> PHRASES = phrases();

    private static final Set<String> NEGATIONS = Set.of("not", "no", "dont", "doesnt", "didnt", "isnt", "wasnt",
            "aint", "never", "without");

    private static Map<String, List<String>> phrases() {
        Map<String, List<String>> p = new LinkedHashMap<>();
        p.put(EMERGENCY, List.of("emergency"));
        p.put(ACCIDENT, List.of("accident", "crash", "crashed", "fender bender", "rear ended", "got hit",
                "been hit", "t boned"));
        p.put(STRANDED, List.of("stranded", "side of the road", "side of the highway", "side of the interstate",
                "on the shoulder", "stuck at", "stuck on the", "stuck in the parking", "stuck in a parking",
                "stuck on the side", "stuck out"));
        p.put(BROKE_DOWN, List.of("broke down", "broken down", "breakdown", "died on me", "died on the",
                "died in the middle", "quit on me", "stalled", "conked out", "cut off on me"));
        p.put(WONT_START, List.of("wont start", "will not start", "doesnt start", "does not start", "didnt start",
                "not starting", "wont turn over", "wont crank", "doesnt turn over", "not turning over",
                "wont even turn over", "wont even start", "just clicks", "no start"));
        p.put(TOW, List.of("tow", "towed", "towing", "tow truck", "wrecker"));
        p.put(ASAP, List.of("asap", "a s a p", "as soon as possible", "as soon as you can", "right away",
                "urgent", "urgently", "right now", "immediately"));
        return p;
    }

    List<ExtractedField> find(List<Utterance> utterances) {
        Map<String, ExtractedField> found = new LinkedHashMap<>();
        for (Utterance u : utterances) {
            if (!u.fromCallerSide()) {
                continue;
            }
            List<String> words = new ArrayList<>();
            Tokens.of(u.text()).forEach(t -> words.add(t.norm()));
            for (Map.Entry<String, List<String>> term : PHRASES.entrySet()) {
                if (found.containsKey(term.getKey())) {
                    continue;
                }
                for (String phrase : term.getValue()) {
                    if (saidWithoutNegation(words, List.of(phrase.split(" ")))) {
                        found.put(term.getKey(), new ExtractedField(term.getKey(), u.text()));
                        break;
                    }
                }
            }
        }
        return new ArrayList<>(found.values());
    }

    private static boolean saidWithoutNegation(List<String> words, List<String> phrase) {
        for (int i = 0; i + phrase.size() <= words.size(); i++) {
            if (words.subList(i, i + phrase.size()).equals(phrase)) {
                boolean negated = false;
                for (int k = Math.max(0, i - 3); k < i; k++) {
                    negated |= NEGATIONS.contains(words.get(k));
                }
                // "won't start" carries its own negation; a negation before it ("not that it won't start") is rare.
                if (!negated || phrase.get(0).endsWith("nt") || phrase.get(0).equals("not")) {
                    return true;
                }
            }
        }
        return false;
    }
}
