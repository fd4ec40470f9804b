package dev.switchboard.sms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sms.SmsKeywords.Keyword;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SmsKeywordsTest {

    static Keyword classify(String body) {
        return SmsKeywords.classify(body, Optional.empty());
    }

    @Test
    void everyOptOutWordOptsOutInAnyCaseWithSurroundingSpace() {
        for (String word : new String[] {"STOP", "stop", " Stop ", "STOPALL", "unsubscribe", "CANCEL", "end", "Quit",
                "REVOKE", "optout", "\tSTOP\n"}) {
            assertThat(classify(word)).as(word).isEqualTo(Keyword.OPT_OUT);
        }
    }

    @Test
    void startYesAndUnstopOptBackIn() {
        for (String word : new String[] {"START", "start", "Yes", "UNSTOP"}) {
            assertThat(classify(word)).as(word).isEqualTo(Keyword.OPT_IN);
        }
    }

    @Test
    void helpAndInfoAskForHelp() {
        assertThat(classify("HELP")).isEqualTo(Keyword.HELP);
        assertThat(classify("info")).isEqualTo(Keyword.HELP);
    }

    @Test
    void onlySingleWordMessagesCount() {
        for (String text : new String[] {"please stop by tomorrow", "STOP IT", "Yes please come at 3", "help me",
                "stop.", "Stopping by later", "", "   ", "end of the day works"}) {
            assertThat(classify(text)).as(text).isEqualTo(Keyword.NONE);
        }
        assertThat(SmsKeywords.classify(null, Optional.empty())).isEqualTo(Keyword.NONE);
    }

    @Test
    void twiliosOptOutTypeWins() {
        assertThat(SmsKeywords.classify("arret", Optional.of("STOP"))).isEqualTo(Keyword.OPT_OUT);
        assertThat(SmsKeywords.classify("go", Optional.of("START"))).isEqualTo(Keyword.OPT_IN);
        assertThat(SmsKeywords.classify("aide", Optional.of("HELP"))).isEqualTo(Keyword.HELP);
        assertThat(SmsKeywords.classify("STOP", Optional.of("something-new"))).isEqualTo(Keyword.OPT_OUT);
    }
}
