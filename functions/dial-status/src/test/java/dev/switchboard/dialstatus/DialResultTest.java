package dev.switchboard.dialstatus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DialResultTest {

    @Test
    void completedAndAnsweredMeanAPersonTookTheCall() {
        assertThat(DialResult.classify(Optional.of("completed"), false, Optional.of(false)).answered()).isTrue();
        assertThat(DialResult.classify(Optional.of("answered"), false, Optional.of(false)).answered()).isTrue();
    }

    @Test
    void noAnswerBusyFailedAndCanceledGoToVoicemail() {
        for (String status : new String[] {"no-answer", "busy", "failed", "canceled"}) {
            DialResult result = DialResult.classify(Optional.of(status), false, Optional.of(false));
            assertThat(result.answered()).as(status).isFalse();
            assertThat(result.outcome().label()).isEqualTo(status);
            assertThat(result.known()).isTrue();
        }
    }

    @Test
    void anUnknownOrMissingStatusIsNotAnswered() {
        DialResult odd = DialResult.classify(Optional.of("Exploded"), false, Optional.of(false));
        assertThat(odd.answered()).isFalse();
        assertThat(odd.outcome()).isEqualTo(DialResult.Outcome.UNKNOWN);
        assertThat(odd.outcome().label()).isEqualTo("unknown");
        assertThat(odd.known()).isFalse();
        assertThat(odd.dialCallStatus()).isEqualTo("exploded");
        assertThat(DialResult.classify(Optional.empty(), false, Optional.of(false)).answered()).isFalse();
    }

    @Test
    void aScreenedCallCountsAsAnsweredOnlyWhenTheOwnerPressedOne() {
        // The owner's carrier voicemail "answers" (completed) but never presses 1.
        DialResult carrierVoicemail = DialResult.classify(Optional.of("completed"), true, Optional.of(false));
        assertThat(carrierVoicemail.answered()).isFalse();
        assertThat(carrierVoicemail.outcome().label()).isEqualTo("not-accepted");
        assertThat(DialResult.classify(Optional.of("completed"), true, Optional.of(true)).answered()).isTrue();
        DialResult unreadable = DialResult.classify(Optional.of("completed"), true, Optional.empty());
        assertThat(unreadable.answered()).isFalse();
        assertThat(unreadable.outcome()).isEqualTo(DialResult.Outcome.SCREEN_UNVERIFIED);
        assertThat(unreadable.outcome().label()).isEqualTo("screen-unverified");
        // A no-answer stays a no-answer whatever the screening says.
        assertThat(DialResult.classify(Optional.of("no-answer"), true, Optional.of(true)).answered()).isFalse();
    }

    @Test
    void theCallerIsGoneWhenTheParentCallHasAFinalStatus() {
        assertThat(DialResult.callerGone(Optional.of("completed"))).isTrue();
        assertThat(DialResult.callerGone(Optional.of("in-progress"))).isFalse();
        assertThat(DialResult.callerGone(Optional.empty())).isFalse();
    }
}
