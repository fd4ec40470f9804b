package dev.switchboard.transcription.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A sentence split into words the way the extractor matches them: lower case, apostrophes dropped
 * ("won't" → "wont"), a possessive or "is" {@code 's} dropped from nouns ("battery's" → "battery") but kept
 * on the few words where speech-to-text writes it either way ("name's"/"names", "it's"/"its"). Each token
 * remembers its original spelling (for capitals) and the characters between it and the previous token
 * (for commas and hyphens).
 */
final class Tokens {

    /** A word or a number, as written. Hyphens split ("F-150" → "F", "150"; "904-555-0142" → three). */
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:['’][\\p{L}]+)*");

    /** Words whose {@code 's} is kept: "name's" stays "names", as speech-to-text often writes it. */
    private static final Set<String> KEEP_S = Set.of("it", "that", "name", "what", "he", "she", "there", "here",
            "who", "where", "let", "how");

    record Token(String norm, String raw, int start, int end, String gapBefore, boolean sentenceInitial) {

        boolean capitalized() {
            return !raw.isEmpty() && Character.isUpperCase(raw.codePointAt(0));
        }

        boolean allUpper() {
            boolean letter = false;
            for (int i = 0; i < raw.length(); i++) {
                char c = raw.charAt(i);
                if (Character.isLetter(c)) {
                    letter = true;
                    if (!Character.isUpperCase(c)) {
                        return false;
                    }
                }
            }
            return letter;
        }

        boolean digits() {
            return !norm.isEmpty() && norm.chars().allMatch(Character::isDigit);
        }

        /** True when only spaces (no comma, period or other mark) separate this token from the previous one. */
        boolean joinedBySpace() {
            return gapBefore.isBlank();
        }
    }

    private Tokens() {
    }

    static List<Token> of(String text) {
        List<Token> tokens = new ArrayList<>();
        if (text == null) {
            return tokens;
        }
        Matcher m = WORD.matcher(text);
        int previousEnd = 0;
        while (m.find()) {
            String raw = m.group();
            String gap = text.substring(previousEnd, m.start());
            // A full stop ends a sentence; an ellipsis ("2007 ... Tahoe") is only a pause.
            boolean initial = tokens.isEmpty() || gap.matches(".*[!?].*") || (gap.contains(".") && !gap.contains(".."));
            tokens.add(new Token(normalize(raw), raw, m.start(), m.end(), gap, initial));
            previousEnd = m.end();
        }
        return tokens;
    }

    static String normalize(String raw) {
        String lower = raw.toLowerCase(Locale.ROOT).replace('’', '\'');
        if (lower.endsWith("'s")) {
            String base = lower.substring(0, lower.length() - 2);
            lower = KEEP_S.contains(base) ? base + "s" : base;
        }
        return lower.replace("'", "");
    }

    /** The normalised words of a phrase, for catalog entries: "CR-V" → [cr, v]. */
    static List<String> words(String phrase) {
        List<String> words = new ArrayList<>();
        for (Token token : of(phrase)) {
            words.add(token.norm());
        }
        return words;
    }

    /** The original text covered by tokens {@code from} (inclusive) to {@code to} (exclusive). */
    static String span(String text, List<Token> tokens, int from, int to) {
        return text.substring(tokens.get(from).start(), tokens.get(to - 1).end());
    }
}
