package dev.switchboard.shared.calls;

import static dev.switchboard.shared.calls.MissedCallTextPolicy.Kind.MISSED;
import static dev.switchboard.shared.calls.MissedCallTextPolicy.Kind.VOICEMAIL_THANKS;
import static dev.switchboard.shared.calls.MissedCallTextPolicy.textFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.shared.calls.MissedCallTextPolicy.Occasion;
import dev.switchboard.shared.jobs.TextKeys;
import org.junit.jupiter.api.Test;

class MissedCallTextPolicyTest {

    @Test
    void byDefaultTheCallerIsTextedAsSoonAsTheCallIsMissed() {
        assertThat(textFor(false, Occasion.STRAIGHT_TO_VOICEMAIL)).contains(MISSED);
        assertThat(textFor(false, Occasion.NOT_ANSWERED_CALLER_WAITING)).contains(MISSED);
        assertThat(textFor(false, Occasion.NOT_ANSWERED_CALLER_GONE)).contains(MISSED);
        // Later moments are not a second chance to text: the first occasion already did.
        assertThat(textFor(false, Occasion.VOICEMAIL_LEFT)).isEmpty();
        assertThat(textFor(false, Occasion.VOICEMAIL_EMPTY)).isEmpty();
        assertThat(textFor(false, Occasion.CALL_ENDED_UNANSWERED)).isEmpty();
    }

    @Test
    void withTextAfterVoicemailTheTextWaitsAndSaysWhetherTheMessageArrived() {
        assertThat(textFor(true, Occasion.STRAIGHT_TO_VOICEMAIL)).isEmpty();
        assertThat(textFor(true, Occasion.NOT_ANSWERED_CALLER_WAITING)).isEmpty();
        assertThat(textFor(true, Occasion.VOICEMAIL_LEFT)).contains(VOICEMAIL_THANKS);
        assertThat(textFor(true, Occasion.VOICEMAIL_EMPTY)).contains(MISSED);
        assertThat(textFor(true, Occasion.CALL_ENDED_UNANSWERED)).contains(MISSED);
        // Nobody is left to leave a message.
        assertThat(textFor(true, Occasion.NOT_ANSWERED_CALLER_GONE)).contains(MISSED);
    }

    @Test
    void everyOccasionOfACallSharesOneKey() {
        assertThat(TextKeys.missedCall("CA123")).isEqualTo("missed-call:CA123");
    }
}
