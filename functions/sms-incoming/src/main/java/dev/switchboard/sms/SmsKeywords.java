package dev.switchboard.sms;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The keywords carriers and Twilio honour on long codes. Only a message that is a single keyword counts
 * (trimmed, any case): "STOP" opts out, "please stop by tomorrow" is a message for the owner. When Twilio's
 * Advanced Opt-Out is on it also names the class in {@code OptOutType}, which wins.
 */
final class SmsKeywords {

    /** What an incoming text asks for. */
    enum Keyword {
        /** STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT, REVOKE, OPTOUT: never text this number again. */
        OPT_OUT,
        /** START, YES, UNSTOP: texts are welcome again. */
        OPT_IN,
        /** HELP, INFO: answer with the line's help text. */
        HELP,
        /** Anything else: a message for the owner. */
        NONE
    }

    static final Set<String> OPT_OUT = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT");
    static final Set<String> OPT_IN = Set.of("START", "YES", "UNSTOP");
    static final Set<String> HELP = Set.of("HELP", "INFO");

    private SmsKeywords() {
    }

    /**
     * @param body        the message text
     * @param optOutType  Twilio's {@code OptOutType} parameter (STOP, START, HELP), when present
     */
    static Keyword classify(String body, Optional<String> optOutType) {
        if (optOutType.isPresent()) {
            switch (optOutType.get().trim().toUpperCase(Locale.ROOT)) {
                case "STOP":
                    return Keyword.OPT_OUT;
                case "START":
                    return Keyword.OPT_IN;
                case "HELP":
                    return Keyword.HELP;
                default:
                    break;
            }
        }
        String word = body == null ? "" : body.strip().toUpperCase(Locale.ROOT);
        if (word.isEmpty() || word.codePoints().anyMatch(Character::isWhitespace)) {
            return Keyword.NONE;
        }
        if (OPT_OUT.contains(word)) {
            return Keyword.OPT_OUT;
        }
        if (OPT_IN.contains(word)) {
            return Keyword.OPT_IN;
        }
        if (HELP.contains(word)) {
            return Keyword.HELP;
        }
        return Keyword.NONE;
    }
}
