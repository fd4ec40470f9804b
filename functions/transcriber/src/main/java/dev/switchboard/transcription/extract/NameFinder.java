package dev.switchboard.transcription.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The caller's name, from how people introduce themselves on the phone: "my name is Dave Miller", "my
 * name's Luis", "this is Karen", "hi, it's Jennifer Walsh calling", "I'm Tom", "Dave here", or a short answer
 * right after the business asked for a name ("Who am I speaking with?" — "Carlos."). The cue "my name is" is
 * strong enough to take a name written in lower case; the others need the capital letter speech-to-text
 * gives names. A disfluent repeat is followed ("this is Bobby, Bobby Fields" → Bobby Fields).
 */
final class NameFinder {

    /** Words that follow the cues but are not names ("this is about my car", "I'm calling", "it's a Honda"). */
    private static final Set<String> NOT_NAMES = Set.of(
            "a", "an", "the", "about", "regarding", "for", "from", "with", "and", "or", "but", "just", "here",
            "calling", "call", "looking", "wondering", "trying", "having", "hoping", "interested", "needing",
            "sorry", "okay", "ok", "yes", "yeah", "yep", "no", "hi", "hello", "hey", "um", "uh", "umm", "er", "so",
            "also", "still", "gonna", "going", "not", "your", "my", "his", "her", "our", "their", "this", "that",
            "it", "its", "is", "was", "i", "im", "me", "we", "you", "they", "he", "she", "again", "back", "out",
            "in", "on", "at", "to", "of", "by", "very", "really", "good", "fine", "great", "well", "thanks",
            "thank", "please", "sir", "maam", "mister", "mr", "mrs", "ms", "miss", "doctor", "dr", "mechanic",
            "mobile", "auto", "automotive", "repair", "service", "garage", "motors", "shop", "urgent",
            "important", "stuck", "stranded", "broke", "broken", "stopped", "parked", "done", "ready", "home",
            "work", "outside", "inside", "over", "down", "up", "there", "who", "what", "when", "where", "why",
            "how", "new", "old", "same", "one", "two", "monday", "tuesday", "wednesday", "thursday", "friday",
            "saturday", "sunday", "today", "tomorrow", "tonight", "morning", "afternoon", "evening", "january",
            "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
            "december", "everyone", "everybody", "someone", "somebody", "nobody", "all", "some", "any", "none",
            "customer", "owner", "bye", "goodbye", "right", "correct", "sure", "definitely", "probably",
            "actually", "basically", "currently", "finally", "certainly");

    /** A sentence that is a business answering the phone: its "this is Mike" is not the caller. */
    private static final List<String> GREETINGS = List.of("thanks for calling", "thank you for calling",
            "how can i help", "how may i help", "what can i do for you", "you ve reached", "youve reached");

    /** The business asking who is calling: the next short answer is the caller's name. */
    private static final List<String> NAME_QUESTIONS = List.of("your name", "who am i speaking",
            "who am i talking", "whos calling", "who s calling", "who is calling", "who is this", "whos this",
            "may i ask who", "can i get a name", "name please", "get a name");

    private final Set<String> notNames;

    /** @param vehicleWords makes and models, which follow "it's a" and are never names */
    NameFinder(Set<String> vehicleWords) {
        Set<String> words = new java.util.HashSet<>(NOT_NAMES);
        words.addAll(vehicleWords);
        this.notNames = Set.copyOf(words);
    }

    /** The first name introduced in the caller's sentences, with the sentence it came from. */
    Optional<ExtractedField> find(List<Utterance> utterances) {
        for (int s = 0; s < utterances.size(); s++) {
            Utterance u = utterances.get(s);
            if (!u.fromCallerSide()) {
                continue;
            }
            Optional<String> name = introduced(u.text());
            if (name.isEmpty() && s > 0 && asksForName(utterances.get(s - 1))) {
                name = answer(u.text());
            }
            if (name.isPresent()) {
                return Optional.of(new ExtractedField(name.get(), u.text()));
            }
        }
        return Optional.empty();
    }

    private Optional<String> introduced(String sentence) {
        String lower = " " + String.join(" ", Tokens.words(sentence)) + " ";
        for (String greeting : GREETINGS) {
            if (lower.contains(" " + greeting + " ")) {
                return Optional.empty();
            }
        }
        List<Tokens.Token> t = Tokens.of(sentence);
        for (int i = 0; i < t.size(); i++) {
            String w = t.get(i).norm();
            String next = i + 1 < t.size() ? t.get(i + 1).norm() : "";
            Optional<NameMatch> match = Optional.empty();
            if (w.equals("name") && next.equals("is")) {
                // "my name is Dave", "name is dave"
                match = nameAt(t, i + 2, false);
            } else if (w.equals("names") && (i > 0 && t.get(i - 1).norm().equals("my") || t.get(i).sentenceInitial())) {
                // "my name's Luis", "my names carl", "Name's Earl."
                match = nameAt(t, i + 1, false);
            } else if (w.equals("this") && next.equals("is")) {
                // "this is Karen", "this is uh, Bobby"
                match = nameAt(t, i + 2, true);
            } else if (w.equals("its") || (w.equals("it") && next.equals("is"))) {
                // "it's Jennifer Walsh calling", "Hi, it's Sam.", "It's Jake, 904..."
                match = nameAt(t, w.equals("its") ? i + 1 : i + 2, true).filter(m -> endsClause(t, m.end()));
            } else if (w.equals("im") || (w.equals("i") && next.equals("am"))) {
                // "I'm Tom, ...", "I am Tom calling about"
                match = nameAt(t, w.equals("im") ? i + 1 : i + 2, true).filter(m -> endsClause(t, m.end()));
            } else if (next.equals("here") && (t.get(i).sentenceInitial()
                    || i > 0 && Set.of("hi", "hey", "hello").contains(t.get(i - 1).norm()))) {
                // "Dave here."
                int after = i + 1;
                match = nameAt(t, i, true).filter(m -> m.end() == after);
            }
            if (match.isPresent()) {
                return Optional.of(match.get().name());
            }
        }
        return Optional.empty();
    }

    private static boolean asksForName(Utterance previous) {
        if (previous.fromCallerSide() && previous.speaker() != dev.switchboard.transcription.Speaker.UNKNOWN) {
            return false;
        }
        String lower = " " + String.join(" ", Tokens.words(previous.text())) + " ";
        return NAME_QUESTIONS.stream().anyMatch(q -> lower.contains(" " + q + " "));
    }

    /** A short answer that is just a name: "Carlos.", "Marcus Bell.", "Yeah, it's Carlos." */
    private Optional<String> answer(String sentence) {
        List<Tokens.Token> t = Tokens.of(sentence);
        int i = 0;
        while (i < t.size() && Set.of("yeah", "yes", "sure", "uh", "um", "its", "it", "is", "this", "my", "name",
                "names", "oh").contains(t.get(i).norm())) {
            i++;
        }
        if (t.size() - i == 0 || t.size() - i > 3) {
            return Optional.empty();
        }
        return nameAt(t, i, true).filter(m -> m.end() == t.size()).map(NameMatch::name);
    }

    /** After a name: end of sentence, a comma or period, or "calling"/"here"/"and"/"from". */
    private static boolean endsClause(List<Tokens.Token> t, int after) {
        if (after >= t.size()) {
            return true;
        }
        Tokens.Token next = t.get(after);
        return !next.joinedBySpace() || Set.of("calling", "here", "and", "from", "with", "speaking").contains(next.norm());
    }

    /** A name and the index of the token after it. */
    private record NameMatch(String name, int end) {
    }

    /**
     * One or two name words starting at {@code i}, skipping fillers. With {@code needCapital} each word
     * must start with a capital letter.
     */
    private Optional<NameMatch> nameAt(List<Tokens.Token> t, int i, boolean needCapital) {
        while (i < t.size() && Set.of("uh", "um", "umm", "er", "ah").contains(t.get(i).norm())) {
            i++;
        }
        if (i >= t.size() || !nameWord(t.get(i), needCapital)) {
            return Optional.empty();
        }
        String first = display(t.get(i).raw());
        int next = i + 1;
        if (next < t.size() && t.get(next).joinedBySpace() && nameWord(t.get(next), true)) {
            return Optional.of(new NameMatch(first + " " + display(t.get(next).raw()), next + 1));
        }
        if (next + 1 < t.size() && !t.get(next).joinedBySpace() && t.get(next).norm().equals(t.get(i).norm())
                && t.get(next + 1).joinedBySpace() && nameWord(t.get(next + 1), true)) {
            // "Bobby, Bobby Fields": the speaker started again and finished the name.
            return Optional.of(new NameMatch(first + " " + display(t.get(next + 1).raw()), next + 2));
        }
        if (!needCapital && next < t.size() && t.get(next).joinedBySpace() && nameWord(t.get(next), false)
                && (next + 1 >= t.size() || !t.get(next + 1).joinedBySpace() || notNames.contains(t.get(next + 1).norm()))) {
            // "my name is john smith." / "my name is tony russo i need..." in an unformatted transcript
            return Optional.of(new NameMatch(first + " " + display(t.get(next).raw()), next + 1));
        }
        return Optional.of(new NameMatch(first, next));
    }

    private boolean nameWord(Tokens.Token token, boolean needCapital) {
        String raw = token.raw();
        if (raw.length() < 2 || !raw.codePoints().allMatch(c -> Character.isLetter(c) || c == '\'' || c == '’')) {
            return false;
        }
        if (notNames.contains(token.norm())) {
            return false;
        }
        return !needCapital || token.capitalized();
    }

    private static String display(String raw) {
        String lower = raw.toLowerCase(Locale.ROOT);
        return raw.equals(lower) ? Character.toUpperCase(raw.charAt(0)) + raw.substring(1) : raw;
    }
}
