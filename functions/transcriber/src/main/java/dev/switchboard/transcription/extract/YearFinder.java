package dev.switchboard.transcription.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Model years: "2014", "twenty fifteen", "two thousand and eight", "nineteen ninety eight" anywhere; the
 * short forms "'08", "08", "oh nine", "ninety eight" only where a vehicle follows ("an oh nine Dodge").
 */
final class YearFinder {

    /**
     * A year found in a sentence.
     *
     * @param start first token, {@code end} the token after it
     * @param shortForm a two-digit or "oh nine" form, only trusted right before a make or model
     */
    record YearMention(int year, int start, int end, boolean shortForm) {
    }

    private final int newestYear;

    /** @param thisYear the current year; model years run up to the next one */
    YearFinder(int thisYear) {
        this.newestYear = thisYear + 1;
    }

    List<YearMention> find(List<Tokens.Token> t) {
        List<YearMention> years = new ArrayList<>();
        int i = 0;
        while (i < t.size()) {
            Optional<YearMention> year = at(t, i);
            if (year.isPresent()) {
                years.add(year.get());
                i = year.get().end();
            } else {
                i++;
            }
        }
        return years;
    }

    private Optional<YearMention> at(List<Tokens.Token> t, int i) {
        Tokens.Token token = t.get(i);
        String w = token.norm();
        if (token.digits() && w.length() == 4) {
            return plausible(Integer.parseInt(w), i, i + 1, false);
        }
        if (token.digits() && w.length() == 2) {
            return plausible(twoDigit(Integer.parseInt(w)), i, i + 1, true);
        }
        String next = i + 1 < t.size() ? t.get(i + 1).norm() : "";
        if (w.equals("twenty") || w.equals("nineteen")) {
            int century = w.equals("twenty") ? 2000 : 1900;
            Optional<int[]> rest = twoDigitWords(t, i + 1);
            if (rest.isPresent()) {
                return plausible(century + rest.get()[0], i, i + 1 + rest.get()[1], false);
            }
            return Optional.empty();
        }
        if (w.equals("two") && next.equals("thousand")) {
            int j = i + 2;
            if (j < t.size() && t.get(j).norm().equals("and")) {
                j++;
            }
            Optional<int[]> rest = twoDigitWords(t, j);
            if (rest.isPresent()) {
                return plausible(2000 + rest.get()[0], i, j + rest.get()[1], false);
            }
            Optional<Integer> unit = j < t.size() ? NumberWords.unit(t.get(j).norm()) : Optional.empty();
            if (unit.isPresent() && unit.get() > 0) {
                return plausible(2000 + unit.get(), i, j + 1, false);
            }
            return plausible(2000, i, i + 2, false);
        }
        Optional<int[]> shortYear = twoDigitWords(t, i);
        if (shortYear.isPresent()) {
            return plausible(twoDigit(shortYear.get()[0]), i, i + shortYear.get()[1], true);
        }
        return Optional.empty();
    }

    /** "oh eight" (8), "ten".."nineteen", "ninety eight" (98), "twenty" (20): value and tokens used. */
    private static Optional<int[]> twoDigitWords(List<Tokens.Token> t, int i) {
        if (i >= t.size()) {
            return Optional.empty();
        }
        String w = t.get(i).norm();
        if ((w.equals("oh") || w.equals("o")) && i + 1 < t.size()) {
            Integer unit = NumberWords.UNITS.get(t.get(i + 1).norm());
            if (unit != null && unit > 0) {
                return Optional.of(new int[] {unit, 2});
            }
            return Optional.empty();
        }
        Integer teen = NumberWords.TEENS.get(w);
        if (teen != null) {
            return Optional.of(new int[] {teen, 1});
        }
        Integer tens = NumberWords.TENS.get(w);
        if (tens != null) {
            if (i + 1 < t.size()) {
                Integer unit = NumberWords.UNITS.get(t.get(i + 1).norm());
                if (unit != null && unit > 0 && !t.get(i + 1).norm().equals("o")) {
                    return Optional.of(new int[] {tens + unit, 2});
                }
            }
            return Optional.of(new int[] {tens, 1});
        }
        return Optional.empty();
    }

    private int twoDigit(int yy) {
        return yy <= newestYear % 100 ? 2000 + yy : 1900 + yy;
    }

    private Optional<YearMention> plausible(int year, int start, int end, boolean shortForm) {
        return year >= 1950 && year <= newestYear
                ? Optional.of(new YearMention(year, start, end, shortForm))
                : Optional.empty();
    }
}
