package dev.switchboard.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.shared.jobs.AlertJob;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A customer's text with pictures (MMS, {@code NumMedia > 0}): the alert says how many. */
class PictureAlertTextsTest {

    static final String CUSTOMER = "+19045550123";

    static AlertJob.Text text(String body, Integer media) {
        return new AlertJob.Text("MM1", CUSTOMER, "+19045550200", "2026-11-22T20:00:00Z", body, media);
    }

    @Test
    void onePictureWithWords() {
        assertThat(AlertTexts.text("K7", text("Here is the noise", 1), Optional.of("Dave")))
                .isEqualTo("#K7 Text from Dave +1 904-555-0123: Here is the noise [1 picture or file]");
    }

    @Test
    void picturesWithoutWords() {
        assertThat(AlertTexts.text("K7", text("", 2), Optional.empty()))
                .isEqualTo("#K7 Text from +1 904-555-0123: [2 pictures or files]");
        assertThat(AlertTexts.text("K7", text(null, 1), Optional.empty()))
                .isEqualTo("#K7 Text from +1 904-555-0123: [1 picture or file]");
    }

    @Test
    void noPicturesNoNote() {
        assertThat(AlertTexts.text("K7", text("Hi", 0), Optional.empty())).isEqualTo("#K7 Text from +1 904-555-0123: Hi");
        assertThat(AlertTexts.text("K7", text("Hi", null), Optional.empty())).isEqualTo("#K7 Text from +1 904-555-0123: Hi");
        assertThat(AlertTexts.text("K7", text(" ", 0), Optional.empty()))
                .isEqualTo("#K7 Text from +1 904-555-0123: (empty message)");
    }

    @Test
    void aLongTextKeepsThePictureNoteWithinOneTwilioMessage() {
        String body = AlertTexts.text("K7", text("x".repeat(3000), 3), Optional.empty());
        assertThat(body).hasSizeLessThanOrEqualTo(AlertTexts.MAX_TEXT).endsWith(" [3 pictures or files]");
    }

    @Test
    void theEmailCountsThePictures() {
        AlertEmail email = AlertEmail.of(text("Here is the noise", 2), "K7", Optional.empty(), "https://x/inbox/c/" + CUSTOMER,
                "Mechanic");
        assertThat(email.text()).contains("Pictures or files: 2").contains("Here is the noise");
    }
}
