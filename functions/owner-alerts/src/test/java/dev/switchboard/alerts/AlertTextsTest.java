package dev.switchboard.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AlertTextsTest {

    @Test
    void durationsAreMinutesAndSeconds() {
        assertThat(AlertTexts.duration(42)).isEqualTo("0:42");
        assertThat(AlertTexts.duration(65)).isEqualTo("1:05");
        assertThat(AlertTexts.duration(3725)).isEqualTo("1:02:05");
        assertThat(AlertTexts.duration(null)).isEmpty();
    }

    @Test
    void gsm7AndUcs2SegmentsAreCounted() {
        assertThat(SmsSegments.count("a".repeat(160))).isEqualTo(1);
        assertThat(SmsSegments.count("a".repeat(161))).isEqualTo(2);
        assertThat(SmsSegments.count("a".repeat(306))).isEqualTo(2);
        assertThat(SmsSegments.count("a".repeat(307))).isEqualTo(3);
        assertThat(SmsSegments.count("{".repeat(80))).as("extension characters take two septets").isEqualTo(1);
        assertThat(SmsSegments.count("{".repeat(81))).isEqualTo(2);
        assertThat(SmsSegments.count("é".repeat(160))).as("é is GSM-7").isEqualTo(1);
        assertThat(SmsSegments.count("’".repeat(70))).as("a curly quote makes it UCS-2").isEqualTo(1);
        assertThat(SmsSegments.count("’".repeat(71))).isEqualTo(2);
        assertThat(SmsSegments.count("’".repeat(134))).isEqualTo(2);
        assertThat(SmsSegments.count("’".repeat(135))).isEqualTo(3);
    }

    @Test
    void cleaningKeepsTextsGsm7() {
        assertThat(AlertTexts.clean("a  very\nlong name that goes on", 10)).isEqualTo("a very...");
        assertThat(SmsSegments.gsm7(AlertTexts.clean("x".repeat(100), 20))).isTrue();
    }

    @Test
    void speakerLabelsAreLeftOutOfAVoicemail() {
        assertThat(AlertTexts.withoutSpeakers("Caller: Hi, this is Dave.\nCaller: Call me back."))
                .isEqualTo("Hi, this is Dave.\nCall me back.");
        assertThat(AlertTexts.withoutSpeakers("My Caller: ID is off")).isEqualTo("My Caller: ID is off");
    }
}
