package dev.switchboard.transcription.extract;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A callback number the caller spoke: written digits ("904-555-0142", "(904) 555 0142") or words ("nine
 * oh four, five five five, oh one four two", "double five"), mixed freely. North American numbers only
 * (the business is in the US): ten digits, or eleven with a leading 1, or seven when the sentence is about
 * calling back, completed with the business line's area code.
 */
final class PhoneNumberFinder {

    /** Words that may sit between the digits of one number without ending it. */
    private static final Set<String> FILLERS = Set.of("uh", "um", "umm", "er", "ah", "dash", "hyphen");

    /** A seven-digit run counts only in a sentence that is about reaching the caller. */
    private static final Set<String> CALLBACK_CUES = Set.of("call", "number", "numbers", "reach", "cell",
            "phone", "callback", "text", "at", "me");

    private final Optional<String> defaultAreaCode;

    /** @param defaultAreaCode three digits, or empty when seven-digit numbers cannot be completed */
    PhoneNumberFinder(Optional<String> defaultAreaCode) {
        this.defaultAreaCode = defaultAreaCode;
    }

    /** The first callback number in the sentence, in E.164. */
    Optional<String> find(String sentence) {
        List<Tokens.Token> tokens = Tokens.of(sentence);
        boolean cue = tokens.stream().anyMatch(t -> CALLBACK_CUES.contains(t.norm()));
        int i = 0;
        while (i < tokens.size()) {
            StringBuilder digits = new StringBuilder();
            int j = i;
            while (j < tokens.size()) {
                if (j > i && !separatesDigitsOfOneNumber(tokens.get(j).gapBefore())) {
                    break;
                }
                if (digits.length() > 0 && FILLERS.contains(tokens.get(j).norm())) {
                    j++;
                    continue;
                }
                Optional<NumberWords.Chunk> chunk = NumberWords.chunk(tokens, j);
                if (chunk.isEmpty()) {
                    break;
                }
                digits.append(chunk.get().digits());
                j += chunk.get().length();
            }
            Optional<String> number = toE164(digits.toString(), cue);
            if (number.isPresent()) {
                return number;
            }
            i = Math.max(j, i + 1);
        }
        return Optional.empty();
    }

    /** Spaces, commas, hyphens, dots (pauses written as "..."), parentheses: one number goes on. */
    private static boolean separatesDigitsOfOneNumber(String gap) {
        return gap.matches("[\\s,.\\-–()/+]*");
    }

    private Optional<String> toE164(String digits, boolean cue) {
        String d = digits;
        if (d.length() == 11 && d.startsWith("1")) {
            d = d.substring(1);
        } else if (d.length() > 11 && cue) {
            // The number read twice, or followed by an extension: the first ten digits are the number.
            d = d.startsWith("1") ? d.substring(1, 11) : d.substring(0, 10);
        }
        if (d.length() == 7 && cue && defaultAreaCode.isPresent()) {
            d = defaultAreaCode.get() + d;
        }
        if (d.length() != 10) {
            return Optional.empty();
        }
        // NANP: area code and exchange both start with 2-9.
        if (d.charAt(0) < '2' || d.charAt(3) < '2') {
            return Optional.empty();
        }
        return Optional.of("+1" + d);
    }
}
