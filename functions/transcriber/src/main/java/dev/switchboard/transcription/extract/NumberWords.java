package dev.switchboard.transcription.extract;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Numbers as people say them on the phone: "nine oh four", "five fifty five", "double five", "oh one
 * twenty three", "five hundred". Each call reads one spoken chunk and says how many tokens it used.
 */
final class NumberWords {

    static final Map<String, Integer> UNITS = Map.ofEntries(
            Map.entry("zero", 0), Map.entry("oh", 0), Map.entry("o", 0),
            Map.entry("one", 1), Map.entry("two", 2), Map.entry("three", 3), Map.entry("four", 4),
            Map.entry("five", 5), Map.entry("six", 6), Map.entry("seven", 7), Map.entry("eight", 8),
            Map.entry("nine", 9));

    static final Map<String, Integer> TEENS = Map.ofEntries(
            Map.entry("ten", 10), Map.entry("eleven", 11), Map.entry("twelve", 12), Map.entry("thirteen", 13),
            Map.entry("fourteen", 14), Map.entry("fifteen", 15), Map.entry("sixteen", 16),
            Map.entry("seventeen", 17), Map.entry("eighteen", 18), Map.entry("nineteen", 19));

    static final Map<String, Integer> TENS = Map.of(
            "twenty", 20, "thirty", 30, "forty", 40, "fifty", 50, "sixty", 60, "seventy", 70, "eighty", 80,
            "ninety", 90);

    /** A chunk of digits read from tokens, and how many tokens it took. */
    record Chunk(String digits, int length) {
    }

    private NumberWords() {
    }

    /** A digit 0-9 spoken as a word (zero, oh, o, one..nine), or a single digit written as such. */
    static Optional<Integer> unit(String word) {
        if (word.length() == 1 && Character.isDigit(word.charAt(0))) {
            return Optional.of(word.charAt(0) - '0');
        }
        return Optional.ofNullable(UNITS.get(word));
    }

    /**
     * Reads one chunk starting at {@code i}: written digits ("0142"), a unit ("five"), "double"/"triple"
     * + unit, a teen ("twelve"), tens with an optional unit ("fifty five", "twenty"), or unit + "hundred".
     */
    static Optional<Chunk> chunk(List<Tokens.Token> tokens, int i) {
        if (i >= tokens.size()) {
            return Optional.empty();
        }
        String word = tokens.get(i).norm();
        if (tokens.get(i).digits()) {
            return Optional.of(new Chunk(word, 1));
        }
        if ((word.equals("double") || word.equals("triple")) && i + 1 < tokens.size()) {
            Optional<Integer> next = unit(tokens.get(i + 1).norm());
            if (next.isPresent()) {
                return Optional.of(new Chunk(String.valueOf(next.get()).repeat(word.equals("double") ? 2 : 3), 2));
            }
            return Optional.empty();
        }
        Integer unit = UNITS.get(word);
        if (unit != null) {
            if (i + 1 < tokens.size() && tokens.get(i + 1).norm().equals("hundred") && unit > 0) {
                return Optional.of(new Chunk(unit + "00", 2));
            }
            return Optional.of(new Chunk(String.valueOf(unit), 1));
        }
        Integer teen = TEENS.get(word);
        if (teen != null) {
            return Optional.of(new Chunk(String.valueOf(teen), 1));
        }
        Integer tens = TENS.get(word);
        if (tens != null) {
            if (i + 1 < tokens.size()) {
                Integer next = UNITS.get(tokens.get(i + 1).norm());
                if (next != null && next > 0 && !tokens.get(i + 1).norm().equals("o")) {
                    return Optional.of(new Chunk(String.valueOf(tens + next), 2));
                }
            }
            return Optional.of(new Chunk(String.valueOf(tens), 1));
        }
        return Optional.empty();
    }

    static boolean isNumberWord(String word) {
        return UNITS.containsKey(word) || TEENS.containsKey(word) || TENS.containsKey(word)
                || word.equals("double") || word.equals("triple") || word.equals("hundred");
    }
}
