package dev.switchboard.dialstatus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class VoicemailResultTest {

    static final Optional<String> SID = Optional.of("RE1");
    static final Optional<String> URL = Optional.of("https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1");

    @Test
    void aRecordingWithSoundIsAVoicemail() {
        VoicemailResult result = VoicemailResult.of(SID, URL, Optional.of("23"));
        assertThat(result.left()).isTrue();
        assertThat(result.durationSeconds()).contains(23L);
    }

    @Test
    void silenceOrNoRecordingIsNoVoicemail() {
        assertThat(VoicemailResult.of(SID, URL, Optional.of("0")).left()).isFalse();
        assertThat(VoicemailResult.of(Optional.empty(), Optional.empty(), Optional.empty()).left()).isFalse();
    }

    @Test
    void anUnreadableDurationOnARealRecordingStillCounts() {
        assertThat(VoicemailResult.of(SID, URL, Optional.of("abc")).left()).isTrue();
    }
}
