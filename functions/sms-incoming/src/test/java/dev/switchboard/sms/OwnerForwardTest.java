package dev.switchboard.sms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OwnerForwardTest {

    @Test
    void namesTheSenderAndKeepsTheMessage() {
        assertThat(OwnerForward.body("+19045550123", "  Can you come tomorrow? ", 0))
                .isEqualTo("From +19045550123: Can you come tomorrow?");
    }

    @Test
    void mentionsPictures() {
        assertThat(OwnerForward.body("+19045550123", "Here", 2)).endsWith("Here [2 pictures or files - see the Twilio console]");
        assertThat(OwnerForward.body("+19045550123", "", 1)).isEqualTo("From +19045550123:  [1 picture or file - see the Twilio console]");
        assertThat(OwnerForward.body("+19045550123", "", 0)).isEqualTo("From +19045550123: (empty message)");
    }

    @Test
    void aLongMessageIsCutToOneTwilioMessageWithoutSplittingAnEmoji() {
        String body = OwnerForward.body("+19045550123", "x".repeat(1577) + "\uD83D\uDE97".repeat(20), 0);
        assertThat(body).hasSizeLessThanOrEqualTo(1600).endsWith("\u2026");
        assertThat(Character.isHighSurrogate(body.charAt(body.length() - 2))).isFalse();
        assertThat(OwnerForward.body("+19045550123", "y".repeat(5000), 3)).hasSize(1600);
    }

    @Test
    void aFromLongerThanAMessageIsBoundedInsteadOfFailing() {
        // Was a StringIndexOutOfBoundsException (a 500 to Twilio) once From passed about 1,590 characters.
        for (int length : new int[] {1590, 1600, 1700, 5000}) {
            String body = OwnerForward.body("sip:" + "x".repeat(length) + "@example.com", "Can you come tomorrow?", 2);
            assertThat(body).hasSizeLessThanOrEqualTo(1600).contains("Can you come tomorrow?").endsWith("see the Twilio console]");
        }
    }

    @Test
    void controlCharactersAreDropped() {
        assertThat(OwnerForward.body("A\u0000B", "hi\u0007 there\uD800", 0)).isEqualTo("From AB: hi there");
    }
}
